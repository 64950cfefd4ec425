#include "checker/run/requests.hpp"

#include "checker/run/encoding.hpp"
#include "checker/run/url.hpp"

namespace roadwork::run {

namespace {

Result<HeaderList> expand_pairs(const std::vector<hurl::KeyValue>& pairs, const Scope& scope) {
  HeaderList out;
  for (const auto& pair : pairs) {
    auto key = expand(pair.key, scope);
    if (!key.ok()) return key.error();
    auto value = expand(pair.value, scope);
    if (!value.ok()) return value.error();
    out.emplace_back(std::move(key.value()), std::move(value.value()));
  }
  return out;
}

// The body's bytes and the Content-Type Hurl gives it (empty for none).
Result<std::pair<std::string, std::string>> expand_body(const hurl::Body& body, const Scope& scope) {
  using Kind = hurl::Body::Kind;
  switch (body.kind) {
    case Kind::Base64:
    case Kind::Hex:
      return std::pair{body.bytes, std::string()};
    case Kind::Json: {
      auto text = expand_json(body.text, scope);
      if (!text.ok()) return text.error();
      return std::pair{std::move(text.value()), std::string("application/json")};
    }
    case Kind::Multiline:
    case Kind::Oneline:
      break;
  }
  auto text = expand(body.text, scope);
  if (!text.ok()) return text.error();
  std::string type;
  if (body.language == "json") type = "application/json";
  if (body.language == "xml") type = "application/xml";
  return std::pair{std::move(text.value()), type};
}

}  // namespace

Result<HttpRequest> build_request(const hurl::Request& request, const Scope& scope) {
  HttpRequest out;
  out.method = request.method;
  auto url = expand(request.url, scope);
  if (!url.ok()) return url.error();
  auto query = expand_pairs(request.query_params, scope);
  if (!query.ok()) return query.error();
  out.url = append_query(std::move(url.value()), query.value());

  auto headers = expand_pairs(request.headers, scope);
  if (!headers.ok()) return headers.error();
  out.headers = std::move(headers.value());
  auto cookies = expand_pairs(request.cookies, scope);
  if (!cookies.ok()) return cookies.error();
  out.cookies = std::move(cookies.value());

  if (request.basic_auth) {
    auto credentials = expand_pairs({*request.basic_auth}, scope);
    if (!credentials.ok()) return credentials.error();
    const auto& [user, password] = credentials.value().front();
    out.headers.emplace_back("Authorization", "Basic " + base64_encode(user + ":" + password));
  }

  std::string content_type;
  if (!request.form_params.empty()) {
    auto form = expand_pairs(request.form_params, scope);
    if (!form.ok()) return form.error();
    for (const auto& [name, value] : form.value()) {
      if (!out.body.empty()) out.body += '&';
      out.body += percent_encode(name) + "=" + percent_encode(value);
    }
    content_type = "application/x-www-form-urlencoded";
  } else if (request.body) {
    auto body = expand_body(*request.body, scope);
    if (!body.ok()) return body.error();
    std::tie(out.body, content_type) = std::move(body.value());
  }
  if (!content_type.empty() && !find_header(out.headers, "Content-Type")) {
    out.headers.emplace_back("Content-Type", content_type);
  }
  return out;
}

}  // namespace roadwork::run
