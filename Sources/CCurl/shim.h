#ifndef REMISSION_CCURL_SHIM_H
#define REMISSION_CCURL_SHIM_H

#include <curl/curl.h>

// Typed wrappers for libcurl's variadic calls, which Swift cannot call directly.
// One per argument type, as GRDB's shim does for sqlite3_config.

/// curl_easy_setopt with a long argument (timeouts, flags).
static inline CURLcode _remission_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

/// curl_easy_setopt with a string argument (URL, method, CA file); libcurl copies it.
static inline CURLcode _remission_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

/// curl_easy_setopt with a curl_off_t argument (upload size).
static inline CURLcode _remission_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/// curl_easy_setopt with a pointer argument (callback user data, error buffer).
static inline CURLcode _remission_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

/// curl_easy_setopt with a header list.
static inline CURLcode _remission_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

/// curl_easy_setopt with a write or header callback.
static inline CURLcode _remission_easy_setopt_write_callback(CURL *handle, CURLoption option, curl_write_callback value) {
    return curl_easy_setopt(handle, option, value);
}

/// curl_easy_setopt with a read callback.
static inline CURLcode _remission_easy_setopt_read_callback(CURL *handle, CURLoption option, curl_read_callback value) {
    return curl_easy_setopt(handle, option, value);
}

/// curl_easy_setopt with a progress (transfer info) callback.
static inline CURLcode _remission_easy_setopt_xferinfo_callback(CURL *handle, CURLoption option, curl_xferinfo_callback value) {
    return curl_easy_setopt(handle, option, value);
}

/// curl_easy_getinfo for a long result (response code).
static inline CURLcode _remission_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

/// curl_easy_getinfo for a curl_off_t result (sizes).
static inline CURLcode _remission_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif
