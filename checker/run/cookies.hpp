#pragma once
// Cookies: parsing `Set-Cookie` for the `cookie` query, and a cookie jar that sends them back, as Hurl does
// through libcurl's cookie engine (Hurl docs: hurl manual, cookies are kept for the whole file).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "checker/run/url.hpp"

namespace roadwork::run {

/// One `Set-Cookie` header value (RFC 6265 §5.2): name, value and attributes in the order given.
struct SetCookie {
  std::string name;
  std::string value;
  std::vector<std::pair<std::string, std::string>> attributes;  ///< value is "" for flags (Secure, HttpOnly)

  /// The value of the last attribute called `name` (case-insensitive), if present.
  std::optional<std::string> attribute(std::string_view name) const;
};

/// Parses a `Set-Cookie` value; nullopt when it has no `name=` part.
std::optional<SetCookie> parse_set_cookie(std::string_view header);

/// The cookies a server has set during one file run, sent back on later requests whose host, path and
/// scheme they match (RFC 6265 §5.3-5.4). Times are seconds since the Unix epoch.
class CookieJar {
 public:
  /// Keeps `cookie`, received in the response to `url`; a cookie with a past expiry removes its namesake.
  /// Cookies for another domain than the host's are ignored.
  void store(const Url& url, const SetCookie& cookie, std::int64_t now);

  /// The `Cookie` header value for a request to `url` (`a=1; b=2`, longer paths first), or "" for none.
  std::string header_for(const Url& url, std::int64_t now) const;

 private:
  struct Stored {
    std::string name;
    std::string value;
    std::string domain;
    bool host_only = true;
    std::string path;
    bool secure = false;
    std::optional<std::int64_t> expires;
  };
  std::vector<Stored> cookies_;
};

}  // namespace roadwork::run
