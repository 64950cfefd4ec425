#include "checker/run/url.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>

#include "checker/run/encoding.hpp"

namespace roadwork::run {

namespace {

int default_port(std::string_view scheme) { return scheme == "https" ? 443 : 80; }

std::string normalize_target(std::string_view target) {
  std::string out;
  for (const char c : target) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == ' ' || byte >= 0x80 || byte < 0x20) {
      out += percent_encode(std::string_view(&c, 1));
    } else {
      out += c;
    }
  }
  return out.empty() || out[0] != '/' ? "/" + out : out;
}

}  // namespace

std::string Url::origin() const { return fmt::format("{}://{}:{}", scheme, host, port); }

std::string Url::to_string() const {
  if (port == default_port(scheme)) return fmt::format("{}://{}{}", scheme, host, target);
  return fmt::format("{}://{}:{}{}", scheme, host, port, target);
}

Result<Url> parse_url(std::string_view text) {
  Url url;
  const auto scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) {
    return failure(
        fmt::format("`{}` is not an absolute URL (it should start with http:// or https://, e.g. "
                    "{{{{host}}}}/path)",
                    text));
  }
  url.scheme = std::string(text.substr(0, scheme_end));
  for (auto& c : url.scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (url.scheme != "http" && url.scheme != "https") {
    return failure(fmt::format("`{}`: only http:// and https:// URLs are supported", text));
  }
  auto rest = text.substr(scheme_end + 3);
  if (const auto fragment = rest.find('#'); fragment != std::string_view::npos)
    rest = rest.substr(0, fragment);
  const auto authority_end = rest.find_first_of("/?");
  auto authority = rest.substr(0, authority_end);
  url.target = normalize_target(authority_end == std::string_view::npos ? "" : rest.substr(authority_end));
  if (const auto at = authority.rfind('@'); at != std::string_view::npos)
    authority = authority.substr(at + 1);
  // The port follows the last ':' unless that colon is inside an IPv6 literal's brackets.
  const auto colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
    const auto digits = authority.substr(colon + 1);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), url.port);
    if (error != std::errc() || end != digits.data() + digits.size() || url.port <= 0 || url.port > 65535) {
      return failure(fmt::format("`{}` has an invalid port `{}`", text, digits));
    }
    authority = authority.substr(0, colon);
  } else {
    url.port = default_port(url.scheme);
  }
  if (authority.empty()) return failure(fmt::format("`{}` has no host", text));
  url.host = std::string(authority);
  return url;
}

std::string resolve_reference(const Url& base, std::string_view reference) {
  if (reference.find("://") != std::string_view::npos) return std::string(reference);
  if (reference.starts_with("//")) return base.scheme + ":" + std::string(reference);
  auto prefix = base.to_string();
  prefix.resize(prefix.size() - base.target.size());
  if (reference.starts_with('/')) return prefix + std::string(reference);
  const auto path = base.target.substr(0, base.target.find('?'));
  if (reference.starts_with('?')) return prefix + path + std::string(reference);
  return prefix + path.substr(0, path.rfind('/') + 1) + std::string(reference);
}

std::string append_query(std::string url, const std::vector<std::pair<std::string, std::string>>& params) {
  if (params.empty()) return url;
  std::string fragment;
  if (const auto hash = url.find('#'); hash != std::string::npos) {
    fragment = url.substr(hash);
    url.resize(hash);
  }
  char separator = url.find('?') == std::string::npos ? '?' : '&';
  if (!url.empty() && (url.back() == '?' || url.back() == '&')) separator = '\0';
  for (const auto& [name, value] : params) {
    if (separator != '\0') url += separator;
    url += percent_encode(name) + "=" + percent_encode(value);
    separator = '&';
  }
  return url + fragment;
}

}  // namespace roadwork::run
