import CommandTestSupport
import Testing

/// Every command's --help keeps its examples whole at 80 columns: a long example is broken by the command
/// itself with a shell continuation (" \"), never wrapped by the help printer in the middle of a command.
@Suite("Help examples")
struct HelpExamplesTests {
    @Test("examples fit 80 columns and are continued with a backslash, in every command and subcommand",
          arguments: ["Trainer", "Dataset", "Editor", "Render", "Benchmark", "Evaluate", "Curate"])
    func examplesAreWhole(_ product: String) throws {
        let top = try runProduct(product, ["--help"])
        #expect(top.status == 0)
        var helps = [(product, top.output)]
        for subcommand in subcommands(top.output) {
            let result = try runProduct(product, [subcommand, "--help"])
            #expect(result.status == 0)
            helps.append(("\(product) \(subcommand)", result.output))
        }
        for (name, help) in helps {
            let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard let start = lines.firstIndex(of: "Examples:") else { continue }
            var continued = false
            for line in lines[(start + 1)...] {
                if line.isEmpty { break }
                #expect(line.count <= 80, "\(name): example line longer than 80 columns: \(line)")
                if continued {
                    #expect(line.hasPrefix("      "), "\(name): continuation not indented: \(line)")
                } else {
                    #expect(line.hasPrefix("  swift "), "\(name): a wrapped example line: \(line)")
                }
                continued = line.hasSuffix(" \\")
            }
            #expect(!continued, "\(name): the last example ends with a continuation")
        }
    }

    /// The names in the SUBCOMMANDS section of a help text.
    private func subcommands(_ help: String) -> [String] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "SUBCOMMANDS:") else { return [] }
        return lines[(start + 1)...].prefix { !$0.isEmpty }.compactMap { line in
            line.hasPrefix("  ") && !line.hasPrefix("   ") ? line.split(separator: " ").first.map(String.init) : nil
        }
    }
}
