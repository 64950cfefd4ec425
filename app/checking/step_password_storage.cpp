// password_storage steps (exercises/README.md: password_storage): no cell of the server's database gives a
// password the checks sent back (as typed, in another letter case, reversed, hex, base64, percent-encoded,
// also inside a longer value), and the stored password hashes are ones roadwork can recompute, at a cost at
// least its floors, with every sent password verifying against one of them (OWASP Password Storage Cheat
// Sheet).

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "app/checking/password_hash.hpp"
#include "app/checking/sql_query.hpp"
#include "app/checking/steps.hpp"
#include "checker/run/encoding.hpp"

namespace roadwork::checking {

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// A way to write a password that can be undone without a key: what it looks like, and whether case matters
// (base64's does; the others are compared in lower case, which `text` then is).
struct Encoding {
  std::string_view name;  // e.g. "base64-encoded", for the message
  std::string text;
  bool case_sensitive = false;
};

// The whole base64 groups of `password` (the last, partial group depends on what follows it in a longer
// value), in the standard and the URL-safe alphabet.
std::vector<Encoding> encodings_of(const std::string& password) {
  auto base64 = run::base64_encode(password.substr(0, password.size() / 3 * 3));
  auto url_safe = base64;
  std::replace(url_safe.begin(), url_safe.end(), '+', '-');
  std::replace(url_safe.begin(), url_safe.end(), '/', '_');
  auto form = run::percent_encode(password, " ");
  std::replace(form.begin(), form.end(), ' ', '+');
  std::vector<Encoding> out{{"as typed", lower(password)},
                            {"reversed", lower(std::string(password.rbegin(), password.rend()))},
                            {"hex-encoded", lower(run::hex_encode(password))},
                            {"percent-encoded", lower(run::percent_encode(password))},
                            {"form-encoded", lower(form)}};
  // A password shorter than one base64 group has no whole group to look for.
  if (!base64.empty()) {
    out.push_back({"base64-encoded", base64, true});
    out.push_back({"base64url-encoded", url_safe, true});
  }
  return out;
}

// The first cell of the database that holds a sent password in a reversible form, described; "" when none.
std::string exposed_password(const std::vector<std::pair<std::string, SqlResult>>& tables,
                             const std::vector<std::string>& passwords) {
  std::vector<std::pair<const std::string*, std::vector<Encoding>>> sought;
  for (const auto& password : passwords) sought.emplace_back(&password, encodings_of(password));
  for (const auto& [table, result] : tables) {
    for (std::size_t r = 0; r < result.rows.size(); ++r) {
      for (std::size_t c = 0; c < result.columns.size(); ++c) {
        const auto& cell = result.rows[r][c];
        const auto* text = cell ? std::get_if<std::string>(&*cell) : nullptr;
        if (!text) continue;
        const auto folded = lower(*text);
        for (const auto& [password, encodings] : sought) {
          for (const auto& encoding : encodings) {
            if ((encoding.case_sensitive ? *text : folded).find(encoding.text) == std::string::npos) continue;
            return fmt::format(
                "table {}, row {}, column {} holds the password {} {}: {}; store only a salted hash, from "
                "which "
                "the password cannot be read back",
                table, r + 1, result.columns[c], describe(SqlCell(*password)), encoding.name, describe(cell));
          }
        }
      }
    }
  }
  return "";
}

// Every value of `result` parsed as a password hash; "" when all parse, else the first problem.
std::string parse_all(const SqlResult& result, std::vector<PasswordHash>& hashes) {
  if (result.rows.empty()) return "the query returned no rows, so there is no stored password hash to check";
  for (std::size_t r = 0; r < result.rows.size(); ++r) {
    for (std::size_t c = 0; c < result.columns.size(); ++c) {
      const auto& cell = result.rows[r][c];
      const auto* text = cell ? std::get_if<std::string>(&*cell) : nullptr;
      std::string problem = "it is not text";
      auto hash = text ? PasswordHash::parse(*text, problem) : std::nullopt;
      if (!hash) return fmt::format("row {}: {} {}: {}", r + 1, result.columns[c], describe(cell), problem);
      hashes.push_back(std::move(*hash));
    }
  }
  return "";
}

// Each sent password must verify against a stored hash (one not already claimed by another password).
// Tried newest row first: the accounts of these passwords were made by the step's own check files, just
// before, and every hash tried costs a slow hash's work (tens of ms at the floors).
std::string unverified_password(const std::vector<PasswordHash>& hashes,
                                const std::vector<std::string>& passwords) {
  std::vector<bool> claimed(hashes.size(), false);
  for (const auto& password : passwords) {
    bool found = false;
    for (std::size_t i = hashes.size(); i-- > 0 && !found;) {
      if (claimed[i] || !hashes[i].verifies(password)) continue;
      claimed[i] = found = true;
    }
    if (!found)
      return fmt::format(
          "no stored hash verifies the password {}: hashing it with a stored value's salt and parameters "
          "must give "
          "that value's hash ({} values tried, the last row's {})",
          describe(SqlCell(password)), hashes.size(), hashes.back().description());
  }
  return "";
}

}  // namespace

report::StepResult run_step(const course::PasswordStorageStep& step, const PlannedStep&,
                            StepContext& context) {
  if (!context.server) return needs_sandbox("password_storage");
  const auto& path = context.server->database_path();
  std::string problem;
  const auto tables = read_all_tables(path, problem);
  if (tables) problem = exposed_password(*tables, step.passwords);
  if (problem.empty()) {
    const auto result = query_database(path, step.query, step.parameters, context.variables, problem);
    std::vector<PasswordHash> hashes;
    if (result) problem = parse_all(*result, hashes);
    if (problem.empty()) problem = unverified_password(hashes, step.passwords);
  }
  if (problem.empty()) return step_result(report::Verdict::Pass);
  return step_result(report::Verdict::Fail, problem);
}

}  // namespace roadwork::checking
