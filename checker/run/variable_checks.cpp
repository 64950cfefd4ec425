#include "checker/run/variable_checks.hpp"

namespace roadwork::run {

namespace {

// "host, port, uid"
std::string builtins() {
  std::string names;
  for (const auto& name : kBuiltinVariables) names += (names.empty() ? "" : ", ") + name;
  return names;
}

class Walk {
 public:
  Walk(std::set<std::string>& defined, std::vector<hurl::Diagnostic>& diagnostics)
      : defined_(defined), diagnostics_(diagnostics) {}

  void use(const hurl::Template& text) {
    for (const auto& part : text.parts) {
      if (!part.is_variable || defined_.count(part.text)) continue;
      diagnostics_.push_back({part.location, "variable `" + part.text +
                                                 "` is not defined here: no earlier entry or step captures it, "
                                                 "no [Options] variable sets it, and it is not a built-in (" +
                                                 builtins() + ")"});
    }
  }
  void use(const hurl::KeyValue& pair) {
    use(pair.key);
    use(pair.value);
  }
  void use(const std::vector<hurl::KeyValue>& pairs) {
    for (const auto& pair : pairs) use(pair);
  }
  void use(const std::optional<hurl::Body>& body) {
    if (body) use(body->text);
  }
  void use(const hurl::Query& query, const std::vector<hurl::Filter>& filters) {
    if (query.argument) use(*query.argument);
    for (const auto& filter : filters)
      for (const auto& argument : filter.arguments) use(argument);
  }

  void define(const hurl::Template& name) {
    std::string text;
    for (const auto& part : name.parts) text += part.text;
    defined_.insert(std::move(text));
  }
  void define(const std::string& name) { defined_.insert(name); }

 private:
  std::set<std::string>& defined_;
  std::vector<hurl::Diagnostic>& diagnostics_;
};

}  // namespace

std::vector<hurl::Diagnostic> check_variables(const hurl::HurlFile& file, std::set<std::string>& defined) {
  std::vector<hurl::Diagnostic> diagnostics;
  Walk walk(defined, diagnostics);
  for (const auto& entry : file.entries) {
    const auto& request = entry.request;
    for (const auto& variable : request.options.variables) {
      walk.use(variable.value);
      walk.define(variable.key);
    }
    walk.use(request.url);
    walk.use(request.headers);
    walk.use(request.query_params);
    walk.use(request.form_params);
    walk.use(request.cookies);
    if (request.basic_auth) walk.use(*request.basic_auth);
    walk.use(request.body);
    if (!entry.response) continue;
    const auto& response = *entry.response;
    for (const auto& capture : response.captures) {
      walk.use(capture.query, capture.filters);
      walk.define(capture.name);
    }
    walk.use(response.headers);
    for (const auto& assertion : response.asserts) {
      walk.use(assertion.query, assertion.filters);
      if (assertion.predicate.value) walk.use(assertion.predicate.value->string);
    }
    walk.use(response.body);
  }
  return diagnostics;
}

}  // namespace roadwork::run
