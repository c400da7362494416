#!/usr/bin/python3
"""Drives the Curate page in headless Chromium (Debian's chromium, chromium-driver, python3-selenium).

label-undo-reload: presses the class keys for --labels samples (1, 2, 1, 2, ...), presses u once, waits until
the page says every label is saved, reloads, and prints what the page shows as JSON; then a second tab labels
the next sample and undoes it, and the first tab must show the label come and go (the last write wins).
screenshot: labels --labels samples, waits for the model, switches to "most uncertain first" and saves a
screenshot of the page to --screenshot.
keys-model: presses the class keys for --labels samples, z (the tile at the cursor enlarged) and z again,
Shift+1 (the rest of the page labelled class 1), u (all of those taken back) and Shift+1 again, then waits until
the model is trained on every label and no training runs; prints what the page showed at each step.
after-restart: opens the page and, without waiting for anything but the page itself, prints whether the
model's orders are available and what the page says of the model; then switches to "most uncertain first".
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
from selenium.webdriver.common.keys import Keys
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


def model_shown(driver):
    """What the page says of the model and whether its orders can be chosen, read in one script."""
    return driver.execute_script("""
        const text = (id) => { const e = document.getElementById(id); return e ? e.textContent : null; };
        const button = (name) => document.querySelector(`#order-choice button[data-order="${name}"]`);
        const trained = document.querySelector('#model b');
        return {
          uncertain_enabled: !button('uncertain').disabled,
          disagreements_enabled: !button('disagreements').disabled,
          restored: document.getElementById('restored') !== null,
          trained_on: trained && document.getElementById('accuracy') ? Number(trained.textContent) : null,
          accuracy: text('accuracy'), majority: text('majority'), balanced: text('balanced'),
          model_text: text('model'), history_text: text('history-line'), help: text('help'),
        };""")


def tile_sizes(driver):
    return driver.execute_script("""
        const cursor = document.querySelector('#grid .tile.cursor');
        return {
          cursor: Number(cursor.dataset.sample), cursor_width: cursor.offsetWidth,
          zoomed: [...document.querySelectorAll('#grid .tile.zoomed')].map((t) => Number(t.dataset.sample)),
          other_width: document.querySelector('#grid .tile:not(.cursor)').offsetWidth,
        };""")


def press_shifted(driver, key):
    ActionChains(driver).key_down(Keys.SHIFT).send_keys(key).key_up(Keys.SHIFT).perform()


def keys_model(driver, keys):
    press(driver, keys)
    wait_saved(driver)
    result = {"after_keys": shown(driver)}
    press(driver, ["z"])
    result["zoomed"] = tile_sizes(driver)
    press(driver, ["z"])
    result["unzoomed"] = tile_sizes(driver)
    press_shifted(driver, "1")
    wait_saved(driver)
    result["rest_marked"] = shown(driver)
    press(driver, ["u"])
    wait_saved(driver)
    result["rest_undone"] = shown(driver)
    press_shifted(driver, "1")
    wait_saved(driver)
    result["rest_marked_again"] = shown(driver)
    total = sum(result["rest_marked_again"]["counts"])

    def settled(d):
        model = model_shown(d)
        return model["trained_on"] == total and "retraining" not in model["model_text"]
    WebDriverWait(driver, 300, ignored_exceptions=(StaleElementReferenceException,)).until(settled)
    result["model"] = model_shown(driver)
    return result


def after_restart(driver):
    result = {"at_once": model_shown(driver)}
    selector = '#order-choice button[data-order="uncertain"]'
    driver.execute_script(f"document.querySelector('{selector}').click()")
    WebDriverWait(driver, 30, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: d.find_element(By.CSS_SELECTOR, selector).get_attribute("aria-checked") == "true")
    result["pager"] = driver.find_element(By.ID, "pager").text
    result["first_tiles"] = driver.execute_script(
        "return [...document.querySelectorAll('#grid .tile')].slice(0, 5).map((t) => Number(t.dataset.sample));")
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--mode", choices=["label-undo-reload", "screenshot", "keys-model", "after-restart"], required=True)
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
        if args.mode == "keys-model":
            print(json.dumps(keys_model(driver, keys)))
        elif args.mode == "after-restart":
            print(json.dumps(after_restart(driver)))
        elif args.mode == "label-undo-reload":
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
