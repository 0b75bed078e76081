import Testing
import RemissionCore

@Suite struct EventKindTests {
    @Test(arguments: [
        ("infusion", EventKind.infusion), ("CRS", .crs), ("cytokine-release", .crs), ("cytokine release syndrome", .crs),
        ("icans", .icans), ("hospitalisation", .hospitalisation), ("hospitalization", .hospitalisation),
        ("hospital", .hospitalisation), ("clinic-visit", .visit), ("visit", .visit), ("vaccine", .vaccination),
        ("IVIG", .ivig), ("lymphodepletion", .lymphodepletion), ("flare", .flare), ("infection", .infection)
    ])
    func parse(text: String, kind: EventKind) throws {
        #expect(try EventKind.parse(text) == kind)
    }

    @Test func everyRawValueParses() throws {
        for kind in EventKind.allCases {
            #expect(try EventKind.parse(kind.rawValue) == kind)
        }
    }

    @Test func refused() {
        let error = #expect(throws: InputError.self) { try EventKind.parse("surgery") }
        #expect(
            error?.description == "KIND 'surgery': is not a kind of event. Accepted: infusion, lymphodepletion, "
                + "crs, icans, infection, hospitalisation, flare, vaccination, ivig, visit.")
    }

    @Test func grades() {
        #expect(EventKind.crs.gradeRange == 1...5)
        #expect(EventKind.icans.gradeRange == 1...5)
        for kind in EventKind.allCases where kind != .crs && kind != .icans {
            #expect(kind.gradeRange == nil)
        }
        #expect(EventKind.crs.displayName == "Cytokine release syndrome (CRS)")
        #expect(EventKind.visit.displayName == "Clinic visit")
    }
}
