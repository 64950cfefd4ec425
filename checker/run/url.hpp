#pragma once
// Absolute http(s) URLs: split into the origin a connection goes to and the request target it asks for.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "checker/run/result.hpp"

namespace roadwork::run {

/// An absolute `http://` or `https://` URL. `host` keeps IPv6 brackets; `target` is the path and query
/// (never empty, starting with '/'), without the fragment, which is never sent.
struct Url {
  std::string scheme;  ///< "http" or "https"
  std::string host;
  int port = 0;  ///< explicit, or 80/443 by scheme
  std::string target;

  /// `scheme://host:port`: what one kept-alive connection serves.
  std::string origin() const;
  /// The URL as a client would print it: the port only when it is not the scheme's default.
  std::string to_string() const;
};

/// Parses `text`. Spaces and bytes outside ASCII in the target are percent-encoded, as curl does; everything
/// else is sent as written (a `+` stays a `+`). Errors: no http(s) scheme, no host, a bad port.
Result<Url> parse_url(std::string_view text);

/// The absolute URL a `Location` header value points to, relative to `base` (RFC 3986 §5.2, without
/// dot-segment removal, which servers do not need for redirects).
std::string resolve_reference(const Url& base, std::string_view reference);

/// `url` with `params` appended to its query string, each name and value percent-encoded (Hurl's [Query]).
std::string append_query(std::string url, const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace roadwork::run
