// The ICU data of the release binary: Foundation's, cut to root and English by
// scripts/icu-data.sh (make build), under the symbol lib_FoundationICU.a looks for, which keeps
// the archive's own 34 MB data member out of a static link. Without that file (swift build on
// its own) this is empty and Foundation's full data is linked as before. Builds against the
// shared Foundation (debug, tests) never read it: lib_FoundationICU.so keeps its symbol hidden.
#if defined(__linux__) && __has_include("../../.build/icu-data/icudata.inc")
#include "../../.build/icu-data/icudata.inc"
#endif
