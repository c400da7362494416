import Benchmarks
import CommandTestSupport
import Testing

/// The PyTorch reference scripts are run as child processes; these stand-in scripts check how their output is read.
@Suite("Python reference runs")
struct PythonReferenceTests {
    /// Runs `python3` on `script`, written into a fresh folder.
    func run(_ script: String, arguments: [String] = []) throws -> PythonReference {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        return PythonReference.run(script: try directory.write(script, to: "reference.py"), arguments: arguments)
    }

    @Test("the numbers of the JSON object on the last line of stdout are the figures; other values are dropped")
    func figuresFromTheLastLine() throws {
        let result = try run("""
            import json, sys
            print("warming up")
            print(json.dumps({"samples_per_second": 1234.5, "batch": int(sys.argv[1]), "device": "cpu"}))
            """, arguments: ["64"])
        guard case .figures(let figures) = result else {
            Issue.record("no figures: \(result)")
            return
        }
        #expect(figures == ["samples_per_second": 1234.5, "batch": 64])
    }

    @Test("a script that exits with an error, or prints no JSON, gives a reason instead of figures")
    func unavailableWithAReason() throws {
        let missing = try run("""
            import sys
            print("torch is not installed: pip install torch", file=sys.stderr)
            sys.exit(3)
            """)
        guard case .unavailable(let message) = missing else {
            Issue.record("figures from a failed script: \(missing)")
            return
        }
        #expect(message == "torch is not installed: pip install torch")
        let silent = try run("print('done')")
        guard case .unavailable(let reason) = silent else {
            Issue.record("figures from a script that printed none: \(silent)")
            return
        }
        #expect(reason.hasSuffix("reference.py printed no JSON figures"), "\(reason)")
    }
}
