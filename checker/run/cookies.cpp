#include "checker/run/cookies.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "checker/run/dates.hpp"

namespace roadwork::run {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool domain_matches(const std::string& host, const std::string& domain) {
  return host == domain || (host.size() > domain.size() && host.ends_with(domain) &&
                            host[host.size() - domain.size() - 1] == '.');
}

// RFC 6265 §5.1.4: the request path up to its last '/', or "/".
std::string default_path(const Url& url) {
  const auto path = url.target.substr(0, url.target.find('?'));
  const auto slash = path.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : path.substr(0, slash);
}

bool path_matches(const std::string& request_path, const std::string& cookie_path) {
  if (!request_path.starts_with(cookie_path)) return false;
  return request_path.size() == cookie_path.size() || cookie_path.ends_with('/') ||
         request_path[cookie_path.size()] == '/';
}

// Max-Age wins over Expires (RFC 6265 §5.3 step 3); a Max-Age of zero or less expires the cookie at once.
std::optional<std::int64_t> expiry(const SetCookie& cookie, std::int64_t now) {
  if (const auto max_age = cookie.attribute("Max-Age")) {
    std::int64_t seconds = 0;
    const auto [end, error] = std::from_chars(max_age->data(), max_age->data() + max_age->size(), seconds);
    if (error == std::errc() && end == max_age->data() + max_age->size())
      return seconds <= 0 ? now - 1 : now + seconds;
  }
  if (const auto expires = cookie.attribute("Expires")) return parse_http_date(*expires);
  return std::nullopt;
}

// curl (and so Hurl) sends Secure cookies over https and to the loopback host, which browsers also treat as
// a secure context; learners' servers set Secure cookies while running on http://127.0.0.1.
bool is_secure_context(const Url& url, const std::string& host) {
  return url.scheme == "https" || host == "localhost" || host == "127.0.0.1" || host == "[::1]";
}

}  // namespace

std::optional<std::string> SetCookie::attribute(std::string_view wanted) const {
  std::optional<std::string> found;
  for (const auto& [name, value] : attributes) {
    if (lower(name) == lower(wanted)) found = value;
  }
  return found;
}

std::optional<SetCookie> parse_set_cookie(std::string_view header) {
  const auto first_end = header.find(';');
  const auto pair = header.substr(0, first_end);
  const auto equals = pair.find('=');
  if (equals == std::string_view::npos || trim(pair.substr(0, equals)).empty()) return std::nullopt;
  SetCookie cookie;
  cookie.name = std::string(trim(pair.substr(0, equals)));
  cookie.value = std::string(trim(pair.substr(equals + 1)));
  auto rest = first_end == std::string_view::npos ? std::string_view() : header.substr(first_end + 1);
  while (!rest.empty()) {
    const auto end = rest.find(';');
    const auto item = trim(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (item.empty()) continue;
    const auto item_equals = item.find('=');
    if (item_equals == std::string_view::npos) {
      cookie.attributes.emplace_back(std::string(item), "");
    } else {
      cookie.attributes.emplace_back(std::string(trim(item.substr(0, item_equals))),
                                     std::string(trim(item.substr(item_equals + 1))));
    }
  }
  return cookie;
}

void CookieJar::store(const Url& url, const SetCookie& cookie, std::int64_t now) {
  Stored stored{cookie.name,       cookie.value, lower(url.host),    true,
                default_path(url), false,        expiry(cookie, now)};
  if (auto domain = cookie.attribute("Domain"); domain && !domain->empty()) {
    auto name = lower(*domain);
    if (name.front() == '.') name.erase(0, 1);
    if (!domain_matches(stored.domain, name)) return;
    stored.domain = name;
    stored.host_only = false;
  }
  if (auto path = cookie.attribute("Path"); path && path->starts_with('/')) stored.path = *path;
  stored.secure = cookie.attribute("Secure").has_value();
  std::erase_if(cookies_, [&](const Stored& old) {
    return old.name == stored.name && old.domain == stored.domain && old.path == stored.path;
  });
  if (!stored.expires || *stored.expires > now) cookies_.push_back(std::move(stored));
}

std::string CookieJar::header_for(const Url& url, std::int64_t now) const {
  const auto host = lower(url.host);
  const auto path = url.target.substr(0, url.target.find('?'));
  std::vector<const Stored*> matching;
  for (const auto& cookie : cookies_) {
    if (cookie.expires && *cookie.expires <= now) continue;
    if (cookie.host_only ? host != cookie.domain : !domain_matches(host, cookie.domain)) continue;
    if (!path_matches(path, cookie.path) || (cookie.secure && !is_secure_context(url, host))) continue;
    matching.push_back(&cookie);
  }
  std::stable_sort(matching.begin(), matching.end(),
                   [](const Stored* a, const Stored* b) { return a->path.size() > b->path.size(); });
  std::string header;
  for (const auto* cookie : matching) {
    if (!header.empty()) header += "; ";
    header += cookie->name + "=" + cookie->value;
  }
  return header;
}

}  // namespace roadwork::run
