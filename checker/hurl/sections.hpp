#pragma once
// Section headers and key-value lines, shared by requests and responses (internal to checker/hurl).

#include <vector>

#include "checker/hurl/ast.hpp"
#include "checker/hurl/reader.hpp"

namespace roadwork::hurl::detail {

/// The sections of roadwork's subset; Query and Form stand for their long names too.
enum class Section { Query, Form, Cookies, BasicAuth, Options, Captures, Asserts };

/// Reads `[Name]` and the end of its line at the cursor, where at_section_header() holds (Hurl grammar:
/// request-section, response-section), and returns the section it opens. `in_request` says which half of
/// the entry is being read. Fails with `expected ']'`, `unknown section [Foo]`, `[MultipartFormData] is not
/// supported`, `[Asserts] belongs to the response, after HTTP <status>` or `[Query] belongs to the request,
/// before HTTP <status>`.
Section read_section_header(Reader& reader, bool in_request);

/// Reads `key: value` at the cursor, where at_key_value() holds, and the end of its line (Hurl grammar:
/// key-value): the key may hold escapes and placeholders, the value runs to the end of the line.
KeyValue read_key_value(Reader& reader);

/// Reads the `key: value` lines that follow, skipping blank and comment lines, and stops on the first line
/// that is not one.
std::vector<KeyValue> read_key_values(Reader& reader);

}  // namespace roadwork::hurl::detail
