import CZlib
import Foundation

/// zlib compression of segment bodies: operation logs are repetitive JSON and shrink several
/// times, which is what the remote stores and what a first pull downloads.
enum Deflate {
    static func compress(_ data: Data) throws -> Data {
        var stream = z_stream()
        guard deflateInit_(&stream, Z_BEST_COMPRESSION, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw SyncFormatError("zlib could not start compressing")
        }
        defer { deflateEnd(&stream) }
        var output = Data(count: Int(deflateBound(&stream, UInt(data.count))))
        let written: Int = try data.withUnsafeBytes { input in
            try output.withUnsafeMutableBytes { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(out.count)
                guard deflate(&stream, Z_FINISH) == Z_STREAM_END else { throw SyncFormatError("zlib could not compress") }
                return Int(stream.total_out)
            }
        }
        return output.prefix(written)
    }

    /// Inflates, refusing to grow past `limit` bytes (a hostile segment cannot exhaust memory).
    static func decompress(_ data: Data, limit: Int = 512 << 20) throws -> Data {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw SyncFormatError("zlib could not start decompressing")
        }
        defer { inflateEnd(&stream) }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        try data.withUnsafeBytes { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(input.count)
            while true {
                let status: Int32 = chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
                if output.count > limit { throw SyncFormatError("a segment inflates past \(limit) bytes") }
                if status == Z_STREAM_END { return }
                guard status == Z_OK else { throw SyncFormatError("a segment body is not valid zlib data") }
                if stream.avail_in == 0 && stream.avail_out != 0 { throw SyncFormatError("a segment body is truncated") }
            }
        }
        return output
    }
}

/// A sync object (journal.json or a segment) that is malformed, tampered with, or not ours.
public struct SyncFormatError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
