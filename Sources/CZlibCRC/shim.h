// zlib (Debian: zlib1g-dev; ZIPFoundation links it already for inflating): its crc32 checks the
// parts of .xlsx workbooks (see SetkaModel/Workbook/WorkbookPackage.swift).
#include <zlib.h>
