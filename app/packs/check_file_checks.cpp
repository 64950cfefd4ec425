#include "app/packs/check_file_checks.hpp"

#include <algorithm>

#include "app/checking/plan.hpp"
#include "app/core/text_file.hpp"
#include "app/course/toml_fields.hpp"
#include "checker/run/expression_checks.hpp"
#include "checker/run/url.hpp"

namespace roadwork::packs {

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> hurl_files(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(dir, error); !error && it != fs::end(it);
       it.increment(error)) {
    if (it->is_directory() && it->path().filename() == "node_modules")
      it.disable_recursion_pending();
    else if (it->is_regular_file() && it->path().extension() == ".hurl")
      files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Whether `url` leads to the server under test (it starts with {{host}}) or to an origin of `declared`
// (its literal start holds the whole origin: `http://127.0.0.1:9090/hook`, never `http://127.0.0.1:90{{p}}`).
bool allowed_url(const hurl::Template& url, const std::vector<std::string>& declared) {
  if (url.parts.empty()) return false;
  const auto& first = url.parts.front();
  if (first.is_variable) {
    // Text right after {{host}} must begin the path, query or fragment: `{{host}}@other.test` or
    // `{{host}}.other.test` names another host (RFC 3986 §3.2). A variable there is the runner's to check.
    if (first.text != "host") return false;
    if (url.parts.size() == 1 || url.parts[1].is_variable) return true;
    const auto& next = url.parts[1].text;
    return next.empty() || next.front() == '/' || next.front() == '?' || next.front() == '#';
  }
  const auto scheme_end = first.text.find("://");
  if (scheme_end == std::string::npos) return false;
  const auto authority_end = first.text.find_first_of("/?#", scheme_end + 3);
  if (authority_end == std::string::npos && url.parts.size() > 1) return false;
  const auto start = run::parse_url(first.text.substr(0, authority_end));
  return start.ok() && std::any_of(declared.begin(), declared.end(), [&](const std::string& origin) {
           const auto allowed = run::parse_url(origin);
           return allowed.ok() && allowed.value().origin() == start.value().origin();
         });
}

}  // namespace

void check_hurl_files(const course::Exercise& exercise, Problems& problems) {
  for (const auto& path : hurl_files(exercise.dir)) {
    const auto source = read_text_file(path).value_or("");
    auto parsed = run::parse_checked(source, path.string());
    // The checks reach only the server they grade and the origins the exercise declares (the runner
    // refuses any other origin as well).
    for (std::size_t i = 0; parsed.file && i < parsed.file->entries.size(); ++i) {
      const auto& url = parsed.file->entries[i].request.url;
      if (!allowed_url(url, exercise.origins)) {
        parsed.errors.push_back(
            {url.location,
             "the URL must start with {{host}} and then its path (/...): an exercise's checks send "
             "requests only to the server under test (and to the `origins` "
             "its exercise.toml declares)"});
      }
    }
    for (const auto& diagnostic : parsed.errors)
      problems.located_error(checking::check_file_diagnostic(diagnostic, source));
  }
}

void check_run_plans(const course::Pack& pack, Problems& problems) {
  for (const auto& exercise : pack.exercises) {
    const auto plan = checking::plan_steps(pack, exercise);
    auto errors = plan ? checking::undefined_variables(*plan) : plan.error();
    // A check file of an earlier exercise is in every later one's plan: Problems keeps its error once.
    for (auto& error : errors) problems.located_error(std::move(error));
  }
}

}  // namespace roadwork::packs
