#ifndef REMISSION_CCURL_SHIM_H
#define REMISSION_CCURL_SHIM_H

#include <curl/curl.h>
#include <dlfcn.h>
#include <stddef.h>

// libcurl is loaded when the first HTTP request is made, not when remission starts: its
// dependencies (TLS, LDAP, Kerberos, HTTP/2 …) take longer to load than a whole
// `remission log` takes to run, and most commands never talk to a server. The headers come
// from the libcurl4-openssl-dev package as usual; the functions from libcurl.so.4 through
// dlopen, with the same signatures.

/// The libcurl functions remission uses, resolved once.
struct _remission_curl_api {
    int loaded;
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    void (*easy_reset)(CURL *);
    CURLcode (*easy_perform)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
};

/// Loads libcurl; returns NULL (and remission says libcurl is missing) when it cannot.
static inline struct _remission_curl_api *_remission_curl(void) {
    static struct _remission_curl_api api;
    if (api.loaded) return api.loaded > 0 ? &api : NULL;
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!library) library = dlopen("libcurl.so", RTLD_NOW | RTLD_LOCAL);
    if (!library) { api.loaded = -1; return NULL; }
    api.global_init = (CURLcode (*)(long))dlsym(library, "curl_global_init");
    api.easy_init = (CURL *(*)(void))dlsym(library, "curl_easy_init");
    api.easy_cleanup = (void (*)(CURL *))dlsym(library, "curl_easy_cleanup");
    api.easy_reset = (void (*)(CURL *))dlsym(library, "curl_easy_reset");
    api.easy_perform = (CURLcode (*)(CURL *))dlsym(library, "curl_easy_perform");
    api.easy_strerror = (const char *(*)(CURLcode))dlsym(library, "curl_easy_strerror");
    api.easy_setopt = (CURLcode (*)(CURL *, CURLoption, ...))dlsym(library, "curl_easy_setopt");
    api.easy_getinfo = (CURLcode (*)(CURL *, CURLINFO, ...))dlsym(library, "curl_easy_getinfo");
    api.slist_append = (struct curl_slist *(*)(struct curl_slist *, const char *))dlsym(library, "curl_slist_append");
    api.slist_free_all = (void (*)(struct curl_slist *))dlsym(library, "curl_slist_free_all");
    int complete = api.global_init && api.easy_init && api.easy_cleanup && api.easy_reset && api.easy_perform
        && api.easy_strerror && api.easy_setopt && api.easy_getinfo && api.slist_append && api.slist_free_all;
    api.loaded = complete ? 1 : -1;
    return complete ? &api : NULL;
}

/// curl_global_init; CURLE_FAILED_INIT when libcurl cannot be loaded.
static inline CURLcode _remission_global_init(long flags) {
    struct _remission_curl_api *api = _remission_curl();
    return api ? api->global_init(flags) : CURLE_FAILED_INIT;
}

/// curl_easy_init; NULL when libcurl cannot be loaded.
static inline CURL *_remission_easy_init(void) {
    struct _remission_curl_api *api = _remission_curl();
    return api ? api->easy_init() : NULL;
}

/// curl_easy_cleanup.
static inline void _remission_easy_cleanup(CURL *handle) { _remission_curl()->easy_cleanup(handle); }

/// curl_easy_reset.
static inline void _remission_easy_reset(CURL *handle) { _remission_curl()->easy_reset(handle); }

/// curl_easy_perform.
static inline CURLcode _remission_easy_perform(CURL *handle) { return _remission_curl()->easy_perform(handle); }

/// curl_easy_strerror.
static inline const char *_remission_easy_strerror(CURLcode code) {
    struct _remission_curl_api *api = _remission_curl();
    return api ? api->easy_strerror(code) : "libcurl is not available";
}

/// curl_slist_append.
static inline struct curl_slist *_remission_slist_append(struct curl_slist *list, const char *text) {
    return _remission_curl()->slist_append(list, text);
}

/// curl_slist_free_all (NULL is fine, as with libcurl).
static inline void _remission_slist_free_all(struct curl_slist *list) {
    if (list) _remission_curl()->slist_free_all(list);
}

// Typed wrappers for libcurl's variadic calls, which Swift cannot call directly.
// One per argument type, as GRDB's shim does for sqlite3_config.

/// curl_easy_setopt with a long argument (timeouts, flags).
static inline CURLcode _remission_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return _remission_curl()->easy_setopt(handle, option, value);
}

/// curl_easy_setopt with a string argument (URL, method, CA file); libcurl copies it.
static inline CURLcode _remission_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return _remission_curl()->easy_setopt(handle, option, value);
}

/// curl_easy_setopt with a curl_off_t argument (upload size).
static inline CURLcode _remission_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return _remission_curl()->easy_setopt(handle, option, value);
}

/// curl_easy_setopt with a pointer argument (callback user data, error buffer).
static inline CURLcode _remission_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return _remission_curl()->easy_setopt(handle, option, value);
}

/// curl_easy_setopt with a header list.
static inline CURLcode _remission_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return _remission_curl()->easy_setopt(handle, option, value);
}

/// curl_easy_setopt with a write or header callback.
static inline CURLcode _remission_easy_setopt_write_callback(CURL *handle, CURLoption option, curl_write_callback value) {
    return _remission_curl()->easy_setopt(handle, option, value);
}

/// curl_easy_setopt with a read callback.
static inline CURLcode _remission_easy_setopt_read_callback(CURL *handle, CURLoption option, curl_read_callback value) {
    return _remission_curl()->easy_setopt(handle, option, value);
}

/// curl_easy_getinfo for a long result (response code).
static inline CURLcode _remission_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return _remission_curl()->easy_getinfo(handle, info, value);
}

/// curl_easy_getinfo for a curl_off_t result (sizes).
static inline CURLcode _remission_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return _remission_curl()->easy_getinfo(handle, info, value);
}

#endif
