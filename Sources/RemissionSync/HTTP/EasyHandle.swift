import CCurl
import Foundation

/// One libcurl easy handle, owned by this object (cleaned up in `deinit`).
///
/// Reusing one handle for many requests keeps the connection (and TLS session) alive, which
/// is what makes a no-op sync one listing plus a few small requests. Not thread safe: a
/// handle belongs to one `HTTPClient`, which uses it from one thread at a time.
final class EasyHandle {
    private let handle: UnsafeMutableRawPointer
    /// libcurl writes its readable error text here (CURLOPT_ERRORBUFFER).
    private var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    private var headerList: UnsafeMutablePointer<curl_slist>?

    init() throws {
        HTTPClient.initializeCurl
        guard let handle = _remission_easy_init() else {
            throw HTTPError(url: "", kind: .setup("libcurl could not be loaded or could not create a handle; install it with: apt-get install libcurl4"))
        }
        self.handle = handle
    }

    deinit {
        _remission_slist_free_all(headerList)
        _remission_easy_cleanup(handle)
    }

    /// Clears every option of the previous request but keeps the connection cache.
    func reset() {
        _remission_easy_reset(handle)
        _remission_slist_free_all(headerList)
        headerList = nil
        errorBuffer.withUnsafeMutableBufferPointer { buffer in
            buffer[0] = 0
            _ = _remission_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, buffer.baseAddress)
        }
    }

    /// - SeeAlso: https://curl.se/libcurl/c/curl_easy_setopt.html
    func set(_ option: CURLoption, _ value: Int) throws {
        try check(_remission_easy_setopt_long(handle, option, value), option)
    }

    func set(_ option: CURLoption, _ value: String) throws {
        try check(value.withCString { _remission_easy_setopt_string(handle, option, $0) }, option)
    }

    func set(_ option: CURLoption, offset value: Int64) throws {
        try check(_remission_easy_setopt_off_t(handle, option, curl_off_t(value)), option)
    }

    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws {
        try check(_remission_easy_setopt_pointer(handle, option, value), option)
    }

    func set(_ option: CURLoption, write callback: curl_write_callback) throws {
        try check(_remission_easy_setopt_write_callback(handle, option, callback), option)
    }

    func set(_ option: CURLoption, read callback: curl_read_callback) throws {
        try check(_remission_easy_setopt_read_callback(handle, option, callback), option)
    }

    /// Replaces the request headers; the list lives as long as the handle needs it.
    func setHeaders(_ headers: [String]) throws {
        _remission_slist_free_all(headerList)
        headerList = nil
        for header in headers { headerList = _remission_slist_append(headerList, header) }
        try check(_remission_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList), CURLOPT_HTTPHEADER)
    }

    /// Runs the transfer; returns libcurl's result code and its readable message.
    func perform() -> (code: CURLcode, message: String) {
        let code = _remission_easy_perform(handle)
        let detail = errorBuffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return (code, detail.isEmpty ? String(cString: _remission_easy_strerror(code)) : detail)
    }

    var responseCode: Int {
        var code = 0
        _ = _remission_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws {
        guard code == CURLE_OK else {
            throw HTTPError(url: "", kind: .setup("libcurl refused option \(option.rawValue): \(String(cString: _remission_easy_strerror(code)))"))
        }
    }
}

@available(*, unavailable, message: "an easy handle is used by one thread at a time")
extension EasyHandle: Sendable {}
