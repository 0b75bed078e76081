// Cuts an ICU common data package (icudtNNl.dat) down to what an English command line can
// use: root and English locale data, time zones, normalization (IDNA for URL hosts), character
// properties, collation root. Drops other locales, codepage converters, break-iterator
// dictionaries and transliterators. Usage: swift scripts/trim-icu-data.swift IN.dat OUT.dat
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 3, let input = FileManager.default.contents(atPath: arguments[1]) else {
    FileHandle.standardError.write(Data("usage: trim-icu-data.swift IN.dat OUT.dat\n".utf8)); exit(64)
}
let bytes = [UInt8](input)
func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
func append32(_ value: Int, to out: inout [UInt8]) { for shift in [0, 8, 16, 24] { out.append(UInt8((value >> shift) & 0xff)) } }

let headerSize = u16(0)
guard bytes[2] == 0xda, bytes[3] == 0x27, Array(bytes[12..<16]) == Array("CmnD".utf8), bytes[8] == 0 else {
    FileHandle.standardError.write(Data("not a little-endian ICU common data package\n".utf8)); exit(65)
}
let count = u32(headerSize)
var items: [(name: String, start: Int)] = []
for index in 0..<count {
    let nameStart = headerSize + u32(headerSize + 4 + 8 * index)
    let nameEnd = bytes[nameStart...].firstIndex(of: 0)!
    items.append((String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self), headerSize + u32(headerSize + 8 + 8 * index)))
}

let locales: Set<String> = ["root", "en", "en_US", "en_US_POSIX", "en_001", "en_150", "en_GB", "pool", "res_index"]
func isLocale(_ file: String) -> Bool { file.hasSuffix(".res") && locales.contains(String(file.dropLast(4))) }
func keep(_ name: String) -> Bool {
    let parts = name.split(separator: "/").dropFirst().map(String.init)  // without "icudtNNl/"
    guard let file = parts.last else { return false }
    if parts.count == 1 {
        if file.hasSuffix(".cnv") { return false }  // codepage converters: Foundation converts UTF-8 itself
        let isLocaleFile = file.hasSuffix(".res") && file.dropLast(4).allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
            && file.first!.isLowercase && file.dropLast(4).split(separator: "_")[0].count <= 3
        return !isLocaleFile || isLocale(file)
    }
    switch parts[0] {
    case "translit": return false
    case "brkitr": return file.hasSuffix(".brk") || file.hasSuffix(".nrm") || isLocale(file)
    case "coll": return file.hasSuffix(".icu") || isLocale(file)
    default: return isLocale(file) || !file.hasSuffix(".res") || file == "tzdbNames.res"
    }
}

var kept: [(name: String, data: ArraySlice<UInt8>)] = []
for (index, item) in items.enumerated() where keep(item.name) {
    let end = index + 1 < items.count ? items[index + 1].start : bytes.count
    kept.append((item.name, bytes[item.start..<end]))
}
// The table of contents (count, then name and data offsets from its start), the names, then
// the items, each 16-byte aligned, as ICU's own packager writes them.
var names: [UInt8] = []
var nameOffsets: [Int] = []
let tocSize = 4 + 8 * kept.count
for item in kept { nameOffsets.append(tocSize + names.count); names += Array(item.name.utf8) + [0] }
var dataStart = tocSize + names.count
let padding = (16 - (headerSize + dataStart) % 16) % 16
dataStart += padding
var blob: [UInt8] = []
var dataOffsets: [Int] = []
for item in kept {
    dataOffsets.append(dataStart + blob.count)
    blob += item.data
    blob += [UInt8](repeating: 0, count: (16 - item.data.count % 16) % 16)
}
var out = Array(bytes[0..<headerSize])
append32(kept.count, to: &out)
for (name, data) in zip(nameOffsets, dataOffsets) { append32(name, to: &out); append32(data, to: &out) }
out += names + [UInt8](repeating: 0, count: padding) + blob
_ = FileManager.default.createFile(atPath: arguments[2], contents: Data(out))
print("ICU data: kept \(kept.count) of \(items.count) items, \(bytes.count) -> \(out.count) bytes")
