import Foundation
import RemissionTestSupport
import Testing

/// Runs the project's checking scripts (scripts/validate-json.py, scripts/validate-fhir.py)
/// on a document, for tests of the exports and of `--json` output.
enum ScriptCheck {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `python script arguments` with `document` on standard input.
    static func run(python: String, script: String, arguments: [String] = [], document: String) throws -> CLI.Result {
        try run(python: python, arguments: [Repository.path(script)] + arguments, document: document)
    }

    /// Runs `python arguments` with `document` on standard input.
    static func run(python: String, arguments: [String], document: String = "") throws -> CLI.Result {
        try ProcessRunner.run(python, arguments, stdin: Data(document.utf8))
    }

    /// Validates `--json` output against a schema in Schema/json/ (Debian's python3-jsonschema).
    static func schema(_ document: String, _ schema: String) throws {
        let result = try run(python: "/usr/bin/python3", script: "scripts/validate-json.py", arguments: [schema], document: document)
        guard result.status == 0 else { throw Failure(description: "does not match \(schema): \(result.stderr)") }
    }

    /// The Python of .venv-tools/, where scripts/install-deps.sh installs fhir.resources and icalendar.
    static var fhirPython: String {
        get throws {
            let path = Repository.path(".venv-tools/bin/python3")
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw Failure(
                    description: "\(path) is missing: run scripts/install-deps.sh (make test does), which installs fhir.resources and icalendar there")
            }
            return path
        }
    }

    /// Validates a FHIR Bundle with fhir.resources (scripts/validate-fhir.py).
    static func fhir(_ document: String) throws -> CLI.Result {
        try run(python: try fhirPython, script: "scripts/validate-fhir.py", document: document)
    }

    /// Validates an iCalendar file with icalendar (scripts/validate-ics.py); its standard output
    /// is the events as JSON.
    static func ics(_ document: String) throws -> CLI.Result {
        try run(python: try fhirPython, script: "scripts/validate-ics.py", document: document)
    }
}
