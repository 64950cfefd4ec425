#include "app/practice/cookies.hpp"

namespace roadwork::practice {

namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

NameValue split_pair(std::string_view piece) {
  const auto equals = piece.find('=');
  if (equals == std::string_view::npos) return {"", std::string(trim(piece))};
  return {std::string(trim(piece.substr(0, equals))), std::string(trim(piece.substr(equals + 1)))};
}

}  // namespace

std::vector<NameValue> parse_cookie_header(std::string_view header) {
  std::vector<NameValue> cookies;
  while (!header.empty()) {
    const auto end = header.find(';');
    if (const auto piece = trim(header.substr(0, end)); !piece.empty()) cookies.push_back(split_pair(piece));
    header = end == std::string_view::npos ? std::string_view{} : header.substr(end + 1);
  }
  return cookies;
}

std::optional<std::string> cookie_set_by(const RecordedRequest& request, std::string_view name) {
  for (const auto& [header, value] : request.response.headers) {
    if (!equals_ignoring_case(header, "Set-Cookie")) continue;
    // The first pair is the cookie; the ones after it are attributes (Path, HttpOnly, …).
    const auto cookie = split_pair(std::string_view(value).substr(0, value.find(';')));
    if (cookie.first == name) return cookie.second;
  }
  return std::nullopt;
}

std::optional<std::string> cookie_sent_by(const RecordedRequest& request, std::string_view name) {
  for (const auto& [header, value] : request.headers) {
    if (!equals_ignoring_case(header, "Cookie")) continue;
    for (const auto& [cookie, cookie_value] : parse_cookie_header(value))
      if (cookie == name) return cookie_value;
  }
  return std::nullopt;
}

}  // namespace roadwork::practice
