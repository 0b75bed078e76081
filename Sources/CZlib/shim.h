#ifndef REMISSION_CZLIB_SHIM_H
#define REMISSION_CZLIB_SHIM_H
#include <zlib.h>
#endif
