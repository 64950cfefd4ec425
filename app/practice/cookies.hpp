#pragma once
// Cookies as the practice server sets them and as clients send them back (RFC 6265: Set-Cookie, Cookie).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/practice/recorded_request.hpp"

namespace roadwork::practice {

/// The pairs of a Cookie request header ("theme=dark; session=9f2c"), in order, spaces trimmed. A piece
/// without '=' becomes a pair with an empty name, as browsers read it.
std::vector<NameValue> parse_cookie_header(std::string_view header);

/// The value of cookie `name` that the response to `request` set, or nullopt.
std::optional<std::string> cookie_set_by(const RecordedRequest& request, std::string_view name);

/// The value of cookie `name` that `request` carried in its Cookie header(s), or nullopt.
std::optional<std::string> cookie_sent_by(const RecordedRequest& request, std::string_view name);

}  // namespace roadwork::practice
