import Foundation
import RemissionTestSupport
import Testing

/// Debian's Chromium, headless, as the report test's real browser.
///
/// One run writes the screenshot, the PDF and the DOM after layout. Chromium prints every
/// console message (script errors, invalid SVG attributes, Content-Security-Policy
/// violations) to standard error as "INFO:CONSOLE" with `--enable-logging=stderr`; its exit
/// status says nothing (0 even when the page failed to load), so the outputs are checked.
struct HeadlessBrowser {
    struct Rendering {
        let screenshot: URL
        let pdf: Data
        let dom: String
        let log: String

        /// Console messages: any at all is a page error (the report has no script).
        var consoleMessages: [String] {
            log.split(separator: "\n").filter { $0.contains(":CONSOLE") || $0.contains("Page load failed") }.map(String.init)
        }

        /// Pages of the PDF (Chromium writes one uncompressed page tree).
        var pageCount: Int {
            let text = String(decoding: pdf, as: UTF8.self)
            return text.components(separatedBy: "/Type /Page").count - 1 - (text.components(separatedBy: "/Type /Pages").count - 1)
        }

        /// The first MediaBox, width × height in points.
        var pageSize: (width: Int, height: Int)? {
            let text = String(decoding: pdf, as: UTF8.self)
            guard let range = text.range(of: "/MediaBox [") else { return nil }
            let numbers = text[range.upperBound...].prefix(60).split(separator: "]")[0].split(separator: " ").compactMap { Double($0) }
            guard numbers.count == 4 else { return nil }
            return (Int(numbers[2].rounded()), Int(numbers[3].rounded()))
        }
    }

    static let binary = "/usr/lib/chromium/chromium"

    static func render(_ page: URL, in directory: URL, width: Int = 900, height: Int = 2400) throws -> Rendering {
        let profile = directory.appendingPathComponent("profile")
        let screenshot = directory.appendingPathComponent("screenshot.png")
        let pdf = directory.appendingPathComponent("page.pdf")
        let dom = directory.appendingPathComponent("dom.html")
        let log = directory.appendingPathComponent("chromium.log")
        for file in [screenshot, pdf, dom, log] { try? FileManager.default.removeItem(at: file) }
        let arguments = [
            "/usr/bin/timeout", "-k", "5", "120", binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--no-default-browser-check", "--disable-dev-shm-usage", "--disable-extensions", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--mute-audio", "--hide-scrollbars",
            "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0", "--window-size=\(width),\(height)",
            "--screenshot=\(screenshot.path)", "--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", "--dump-dom",
            page.absoluteString
        ]
        // HOME too: crashpad writes under ~/.config whatever the profile directory.
        // The browser's output goes to files, not pipes its helper processes could hold open.
        let status = try ProcessRunner.runSpawned(
            arguments, stdin: "/dev/null", stdout: dom.path, stderr: log.path, environment: ["HOME": directory.path])
        let logText = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        guard status == 0, FileManager.default.fileExists(atPath: screenshot.path), FileManager.default.fileExists(atPath: pdf.path) else {
            throw BrowserError(description: "chromium exited with \(status) and wrote no screenshot or PDF:\n\(logText.suffix(2000))")
        }
        return Rendering(
            screenshot: screenshot, pdf: try Data(contentsOf: pdf), dom: try String(contentsOf: dom, encoding: .utf8), log: logText)
    }

    struct BrowserError: Error, CustomStringConvertible { let description: String }
}
