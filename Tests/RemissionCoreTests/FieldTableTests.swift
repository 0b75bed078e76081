import RemissionCore
import Testing

/// The field table (Records/RecordKind+Fields.swift): one entry per field of every kind,
/// from which the merge rule's groups, `edit`, `show`, the exports and the report read.
@Suite struct FieldTableTests {
    /// The stored names, kind by kind, as operations carry them: the wire format and the
    /// columns of Schema/, which no refactoring may change.
    static let storedNames: [RecordKind: [String]] = [
        .profile: ["diagnosis", "product", "target", "lymphodepletion", "note"],
        .entry: ["date", "wellbeing", "note", "tags"],
        .symptom: ["date", "name", "severity", "entryId"],
        .lab: [
            "date", "time", "analyte", "qualifier", "value", "unit", "canonicalValue", "canonicalUnit", "range",
            "rangeLow", "rangeHigh", "lab", "note"
        ],
        .medication: [
            "drug", "drugClass", "custom", "dose", "doseAmount", "doseUnit", "frequency", "route",
            "startDate", "endDate", "reason", "stopReason", "note"
        ],
        .event: ["date", "type", "grade", "note"],
        .assessment: ["date", "sledai", "clinicalSledai", "pga", "note"]
    ]

    /// Entered fields that `edit` does not change by an option of their own, and why:
    /// - lab `qualifier`: typed within `--value` ("<1");
    /// - medication `drug` and `custom`: another drug is another medication (stop, start);
    /// - symptom `entryId`: the link to the day entry `log` wrote the symptom with.
    /// Every other field that is not derived has an option. (The profile has no date field.)
    static let enteredWithoutOption: Set<String> = ["lab.qualifier", "medication.drug", "medication.custom", "symptom.entryId"]

    @Test func everyFieldOfEveryKindHasExactlyOneEntry() {
        for kind in RecordKind.allCases {
            let names = kind.fields.map(\.name)
            #expect(names == Self.storedNames[kind], "\(kind): the stored names changed")
            #expect(Set(names).count == names.count, "\(kind) lists a field twice")
            for field in kind.fields {
                #expect(kind.spec(field.field) == field)
                #expect(kind.field(named: field.name) == field)
            }
        }
        let used = Set(RecordKind.allCases.flatMap { $0.fields.map(\.field) })
        #expect(used == Set(Field.allCases), "a Field no kind has: \(Set(Field.allCases).subtracting(used))")
    }

    @Test func snakeCaseNamesAreWhatPeopleSee() {
        #expect(Field.canonicalValue.snakeCaseName == "canonical_value")
        #expect(Field.stopReason.snakeCaseName == "stop_reason")
        #expect(Field.note.snakeCaseName == "note")
        for field in Field.allCases {
            #expect(field.snakeCaseName == field.snakeCaseName.lowercased())
            #expect(Field(snakeCaseName: field.snakeCaseName) == field)
            #expect(Field(snakeCaseName: field.rawValue) == field)
        }
        #expect(Field(snakeCaseName: "measurement") == nil)
    }

    /// The groups are those of Schema/merge-rule.md, now read from the table.
    @Test func groupsAreTheMergeRulesGroups() {
        func groups(_ kind: RecordKind) -> [String: [[String]]] {
            Dictionary(uniqueKeysWithValues: kind.fieldGroups.map { ($0.name, [$0.fields, $0.derived]) })
        }
        #expect(groups(.profile).isEmpty)
        #expect(groups(.entry).isEmpty)
        #expect(groups(.symptom) == ["rating": [["name", "severity"], []]])
        #expect(
            groups(.lab) == [
                "measurement": [["analyte", "qualifier", "value", "unit", "range"], ["canonicalValue", "canonicalUnit", "rangeLow", "rangeHigh"]],
                "collected": [["date", "time"], []]
            ])
        #expect(
            groups(.medication) == [
                "drug": [["drug", "custom"], ["drugClass"]],
                "dosing": [["dose", "frequency", "route"], ["doseAmount", "doseUnit"]],
                "period": [["startDate", "endDate"], []]
            ])
        #expect(groups(.event) == ["classification": [["type", "grade"], []]])
        #expect(groups(.assessment) == ["scores": [["sledai", "clinicalSledai", "pga"], []]])
        for kind in RecordKind.allCases {
            // A derived field is computed from a group: never alone.
            for field in kind.fields where field.isDerived {
                #expect(field.group != nil, "\(kind).\(field.name) is derived from no group")
            }
        }
    }

    @Test func everyEnteredFieldHasAnEditOptionButTheStatedOnes() {
        for kind in RecordKind.allCases {
            for field in kind.fields {
                let key = "\(kind.rawValue).\(field.name)"
                if field.isDerived || Self.enteredWithoutOption.contains(key) {
                    #expect(field.editOption == nil, "\(key) should have no edit option")
                } else {
                    #expect(field.editOption != nil, "\(key) has no edit option")
                }
                if case .within(let other) = field.entry {
                    #expect(kind.spec(other)?.editOption != nil, "\(key) is entered within a field without an option")
                }
                #expect(!field.help.isEmpty, "\(key) has no help")
            }
            let options = kind.editOptions
            #expect(Set(options).count == options.count, "two fields of \(kind) share an option")
            #expect(RecordEditor.options(for: kind) == options)
            for option in options {
                #expect(kind.field(forEditOption: option).flatMap(kind.spec)?.editOption == option)
            }
        }
        // One option per field, whatever the kind: `edit --note` is the note everywhere.
        for field in Field.allCases {
            let options = Set(RecordKind.allCases.compactMap { $0.spec(field)?.editOption })
            #expect(options.count <= 1, "\(field) has the options \(options)")
            #expect(field.editOption == options.first)
        }
        #expect(Field.startDate.editOption == "start-date")
        #expect(Field.tags.editOption == "tag")
        #expect(Field.canonicalValue.editOption == nil)
    }

    @Test func editHelpComesFromTheTable() {
        #expect(RecordKind.editHelp(forOption: "stop-reason") == "Why it was stopped. (medication)")
        #expect(RecordKind.editHelp(forOption: "date").contains("lab: The collection date."))
        for option in RecordKind.editOptions {
            #expect(!RecordKind.editHelp(forOption: option).isEmpty)
        }
        let byKind = RecordKind.editOptionsByKind
        #expect(byKind.contains("  medication: --dose --frequency --route --start-date --end-date --reason --stop-reason --note"))
        #expect(byKind.contains("  profile (id 'profile'): --diagnosis"))
    }

    @Test func typedAccessReadsAndWritesStoredNames() {
        var fields: [String: FieldValue] = .init(fields: [.canonicalValue: .text("0.82"), .unit: .text("g/L")])
        #expect(fields["canonicalValue"] == .text("0.82"))
        #expect(fields[.unit] == .text("g/L"))
        fields[.stopReason] = .text("tapered off")
        #expect(fields["stopReason"] == .text("tapered off"))
        #expect(fields[.note] == nil)
    }
}
