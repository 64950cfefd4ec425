#pragma once
// Dates in HTTP headers and in JSON strings: cookie `Expires` values and Hurl's `isIsoDate` predicate.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace roadwork::run {

/// Parses an HTTP date (RFC 9110 §5.6.7 IMF-fixdate, `Wed, 13 Jan 2021 22:23:01 GMT`, and the dashed form
/// `Wed, 13-Jan-2021 22:23:01 GMT` some servers put in `Set-Cookie`); returns seconds since the Unix epoch.
std::optional<std::int64_t> parse_http_date(std::string_view text);

/// `YYYY-MM-DDTHH:MM:SSZ` for seconds since the Unix epoch (UTC).
std::string format_iso8601(std::int64_t unix_seconds);

/// True when `text` is an RFC 3339 date-time, e.g. `2024-02-29T10:00:00.123Z` or `…+02:00` (what Hurl's
/// `isIsoDate` accepts). Dates must exist (no February 30th).
bool is_rfc3339(std::string_view text);

}  // namespace roadwork::run
