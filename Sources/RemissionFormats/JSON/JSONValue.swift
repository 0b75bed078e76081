import Foundation
import RemissionCore
import RemissionReports

/// A JSON tree for documents whose every key must be present: a value that cannot be
/// computed is written as `null`, never left out (synthesised `Encodable` drops nil keys).
public indirect enum JSONValue: Encodable, Sendable, Hashable, ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral,
    ExpressibleByStringLiteral, ExpressibleByNilLiteral
{
    case null
    case string(String)
    case number(Decimal)
    case integer(Int)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(nilLiteral: ()) { self = .null }

    public static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    public static func number(_ value: Decimal?) -> JSONValue { value.map(JSONValue.number) ?? .null }
    public static func integer(_ value: Int?) -> JSONValue { value.map(JSONValue.integer) ?? .null }
    public static func bool(_ value: Bool?) -> JSONValue { value.map(JSONValue.bool) ?? .null }
    public static func date(_ value: CalendarDate?) -> JSONValue { .string(value?.iso) }
    public static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .string(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .array(let values): try container.encode(values)
        case .object(let members): try container.encode(members)
        }
    }
}
