// libxml2 (Debian: libxml2-dev, which the Swift toolchain itself needs for FoundationXML): its
// SAX2 push parser streams the sheets of .xlsx workbooks (see SetkaModel/Workbook/XMLStream.swift).
#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU; its encoding header then includes ICU's headers, which
// clash with Foundation's own copy of ICU. Setka never touches the ICU parts (only pointers to
// encoding handlers), so they are left out here.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
