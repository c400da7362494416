#!/usr/bin/python3
"""Drives the Curate page in headless Chromium (Debian's chromium, chromium-driver, python3-selenium).

label-undo-reload: presses the class keys for --labels samples (1, 2, 1, 2, ...), presses u once, waits until
the page says every label is saved, reloads, and prints what the page shows as JSON; then a second tab labels
the next sample and undoes it, and the first tab must show the label come and go (the last write wins).
screenshot: labels --labels samples, waits for the model, switches to "most uncertain first" and saves a
screenshot of the page to --screenshot.
Exits non-zero with a one-line message on any failure.
"""
import argparse
import json
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def browser(width, height):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 f"--window-size={width},{height}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def wait_ready(driver):
    WebDriverWait(driver, 30).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "true")


def wait_saved(driver):
    def saved(d):
        element = d.find_element(By.ID, "saving")
        return element.get_attribute("data-pending") == "0" and element.text == "all labels saved"
    WebDriverWait(driver, 30).until(saved)


def press(driver, keys):
    for key in keys:
        ActionChains(driver).send_keys(key).perform()


def shown(driver):
    """What the page shows, read in one script so that a re-render cannot change it halfway."""
    return driver.execute_script("""
        const tiles = [...document.querySelectorAll('#grid .tile')];
        return {
          counts: [...document.querySelectorAll('#counts b[data-class]')].map((b) => Number(b.textContent)),
          left: Number(document.getElementById('left').textContent),
          labelled_tiles: tiles.filter((t) => t.classList.contains('labelled')).map((t) => Number(t.dataset.sample))
                               .sort((a, b) => a - b),
          cursor: Number(document.querySelector('#grid .tile.cursor').dataset.sample),
          title: document.title,
        };""")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--mode", choices=["label-undo-reload", "screenshot"], required=True)
    parser.add_argument("--labels", type=int, default=20)
    parser.add_argument("--classes", type=int, default=2)
    parser.add_argument("--screenshot")
    parser.add_argument("--answers", help="screenshot mode: a CSV 'index,class' the simulated person answers from")
    args = parser.parse_args()
    keys = [str(1 + i % args.classes) for i in range(args.labels)]
    driver = browser(1280, 860)
    try:
        driver.get(args.url)
        wait_ready(driver)
        if args.mode == "label-undo-reload":
            press(driver, keys)
            wait_saved(driver)
            press(driver, ["u"])
            wait_saved(driver)
            before = shown(driver)
            driver.refresh()
            wait_ready(driver)
            after = shown(driver)
            # A second tab labels the next sample and undoes it again: the first tab shows both changes.
            first = driver.current_window_handle
            driver.switch_to.new_window("tab")
            driver.get(args.url)
            wait_ready(driver)
            second = driver.current_window_handle
            sample = shown(driver)["cursor"]
            press(driver, ["2"])
            wait_saved(driver)
            driver.switch_to.window(first)
            labelled = f"return document.querySelector('#grid .tile[data-sample=\"{sample}\"]').classList.contains('labelled')"
            WebDriverWait(driver, 10).until(lambda d: d.execute_script(labelled))
            driver.switch_to.window(second)
            press(driver, ["u"])
            wait_saved(driver)
            driver.switch_to.window(first)
            WebDriverWait(driver, 10).until(lambda d: not d.execute_script(labelled))
            print(json.dumps({"before_reload": before, "after_reload": after, "other_tab_seen": sample}))
        else:
            answers = None
            if args.answers:
                with open(args.answers) as file:
                    rows = [line.strip().split(",") for line in file.read().splitlines()[1:] if line.strip()]
                answers = {int(index): int(label) for index, label in rows}
            for key in keys:
                if answers is not None:
                    cursor = WebDriverWait(driver, 30, ignored_exceptions=(StaleElementReferenceException,)).until(
                        lambda d: d.find_element(By.CSS_SELECTOR, "#grid .tile.cursor").get_attribute("data-sample"))
                    key = str(1 + answers[int(cursor)])
                press(driver, [key])
                if answers is not None:
                    wait_saved(driver)
            wait_saved(driver)
            selector = '#order-choice button[data-order="uncertain"]'
            WebDriverWait(driver, 60, ignored_exceptions=(StaleElementReferenceException,)).until(
                lambda d: d.find_element(By.CSS_SELECTOR, selector).is_enabled())
            driver.execute_script(f"document.querySelector('{selector}').click()")
            WebDriverWait(driver, 30, ignored_exceptions=(StaleElementReferenceException,)).until(
                lambda d: d.find_element(By.CSS_SELECTOR, selector).get_attribute("aria-checked") == "true")
            press(driver, ["1", "2", "ArrowRight"])
            wait_saved(driver)
            time.sleep(1.5)  # let the images of the new order arrive
            driver.save_screenshot(args.screenshot)
            print(json.dumps(shown(driver)))
    except Exception as error:  # one line for the Swift test's failure message
        print(f"browser check failed: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}", file=sys.stderr)
        sys.exit(1)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
