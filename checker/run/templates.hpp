#pragma once
// Expands `{{name}}` placeholders with the variables in scope (Hurl docs: templates).

#include <string>

#include "checker/hurl/ast.hpp"
#include "checker/run/result.hpp"
#include "checker/run/runner.hpp"
#include "checker/run/value.hpp"

namespace roadwork::run {

/// What a template can see: the variables in scope, and the file being run, whose captures explain why a
/// variable may be missing.
struct Scope {
  const Variables& variables;
  const hurl::HurlFile& file;
};

/// The value of the variable a placeholder names, with its type (for a predicate value written as a bare
/// `{{name}}`). Error, located at the placeholder: the variable is not set.
Result<Value> lookup(const hurl::TemplatePart& placeholder, const Scope& scope);

/// Expands `tmpl`: a string variable inserts its text as is; a number, boolean or null its JSON text.
/// Errors, located at the placeholder: the variable is not set (the message says which entry would capture
/// it); it holds a list, an object or bytes, which Hurl cannot insert into text.
Result<std::string> expand(const hurl::Template& tmpl, const Scope& scope);

/// Expands a JSON body, whose literal parts are JSON source (Hurl's runner/json.rs): a placeholder inside a
/// JSON string (TemplatePart::in_json_string) inserts its text JSON-escaped; elsewhere the text must be a
/// JSON number, boolean or null (`"id": {{id}}` with id = 42), else it is an error that suggests quoting.
Result<std::string> expand_json(const hurl::Template& tmpl, const Scope& scope);

}  // namespace roadwork::run
