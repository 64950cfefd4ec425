#pragma once
// The [Options] section of a request (internal to checker/hurl).

#include "checker/hurl/ast.hpp"
#include "checker/hurl/reader.hpp"

namespace roadwork::hurl::detail {

/// Reads one `name: value` line of [Options] at the cursor, with the end of its line, into `options` (Hurl
/// grammar: option). roadwork takes retry, retry-interval, delay, variable, location, max-redirs, skip,
/// repeat and max-time: counts are integers of -1 (no limit) or more; durations (max-time more than 0) take
/// the units ms, s and m and default to milliseconds; `variable: name=value` takes a quoted string or a bare
/// word. Hurl's other options fail with `option compressed is not supported`, other names with `unknown
/// option …`, and a placeholder where a number or boolean belongs with `a template in option retry is not
/// supported`.
void read_option(Reader& reader, Options& options);

}  // namespace roadwork::hurl::detail
