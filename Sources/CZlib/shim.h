// zlib (Debian: zlib1g-dev, which the Swift toolchain itself needs): DEFLATE for the .xlsx parts.
#include <zlib.h>
