import Diagnostics
import Testing

@Suite("FileError: one line, \"path: problem\"")
struct FileErrorTests {
    @Test func describesPathThenProblem() {
        let error = FileError(path: "data/labels.csv", problem: "line 3: class 7 is out of range")
        #expect(error.description == "data/labels.csv: line 3: class 7 is out of range")
        #expect("\(error)" == error.description)
    }

    @Test func escapesLineBreaksInPathAndProblem() {
        let error = FileError(path: "odd\nname.npy", problem: "header 'a\r\nb'\u{2028}is bad")
        #expect(error.description == #"odd\nname.npy: header 'a\r\nb'\u{2028}is bad"#)
        let isOneLine = !error.description.contains(where: \.isNewline)
        #expect(isOneLine)
    }

    @Test func keepsTheUnescapedParts() {
        let error = FileError(path: "a\nb", problem: "c\rd")
        #expect(error.path == "a\nb")
        #expect(error.problem == "c\rd")
        #expect(error == FileError(path: "a\nb", problem: "c\rd"))
    }
}
