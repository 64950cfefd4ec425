#include "app/course/step_load.hpp"

#include <signal.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <initializer_list>
#include <vector>

#include "app/core/paths.hpp"
#include "app/course/env_load.hpp"

namespace roadwork::course {

namespace fs = std::filesystem;

namespace {

// Bounds that keep a burst from exhausting the machine (threads, sockets) while allowing real load.
constexpr std::int64_t kMaxBurstCount = 10000;
constexpr std::int64_t kMaxBurstConcurrency = 64;
constexpr std::int64_t kMaxRows = 1000000;

std::string in_quotes(std::string_view text) {
  std::string quoted(1, '"');
  quoted.append(text).push_back('"');
  return quoted;
}

// "\"a\", \"b\" or \"c\"", for messages that list the accepted values.
std::string one_of(std::initializer_list<std::string_view> values) {
  std::string out;
  std::size_t i = 0;
  for (auto value : values) {
    if (i > 0) out += i + 1 == values.size() ? " or " : ", ";
    out += in_quotes(value);
    ++i;
  }
  return out;
}

// The step's keys must be `keys`; the message names the step (`what`, e.g. "a signal step") and lists them,
// so an author sees what the kind takes.
// Every kind also takes `hint`.
void only_keys(const TomlFields& fields, std::string_view what,
               std::initializer_list<std::string_view> keys) {
  std::vector<std::string_view> known(keys);
  known.push_back("hint");
  std::string list;
  for (auto key : known) list += (list.empty() ? "" : ", ") + std::string(key);
  fields.reject_unknown_keys(known, std::string(what) + " (it takes " + list + ")");
}

std::optional<bool> optional_bool(const TomlFields& fields, std::string_view key) {
  const auto* node = fields.table().get(key);
  if (!node) return std::nullopt;
  if (!node->is_boolean()) fields.fail(key, "`" + std::string(key) + "` must be true or false");
  return node->as_boolean()->get();
}

std::optional<std::int64_t> optional_integer(const TomlFields& fields, std::string_view key, std::int64_t min,
                                             std::int64_t max) {
  const auto* node = fields.table().get(key);
  if (!node) return std::nullopt;
  const auto range = std::to_string(min) + " to " + std::to_string(max);
  if (!node->is_integer()) fields.fail(key, "`" + std::string(key) + "` must be an integer from " + range);
  const auto value = node->as_integer()->get();
  if (value < min || value > max) fields.fail(key, "`" + std::string(key) + "` must be from " + range);
  return value;
}

std::int64_t required_integer(const TomlFields& fields, std::string_view key, std::int64_t min,
                              std::int64_t max) {
  const auto value = optional_integer(fields, key, min, max);
  if (!value) fields.fail(key, "missing required key `" + std::string(key) + "`");
  return *value;
}

// A check file named relative to the exercise folder, which must exist and lie inside it, links resolved:
// a pack reads nothing of the machine's (a parse error would print its first line).
fs::path check_file(const TomlFields& fields, std::string_view key, const fs::path& dir) {
  const auto written = fields.required_string(key);
  auto path = dir / written;
  if (!resolves_inside(path, dir))
    fields.fail(key, "`" + written + "` leads out of the exercise's folder; a check file must be inside it");
  if (!fs::is_regular_file(path)) fields.fail(key, "no such check file: " + path.string());
  return path;
}

std::optional<fs::path> optional_check_file(const TomlFields& fields, std::string_view key,
                                            const fs::path& dir) {
  if (!fields.table().get(key)) return std::nullopt;
  return check_file(fields, key, dir);
}

Pattern pattern(const TomlFields& fields, std::string_view key = "pattern") {
  auto text = fields.required_string(key);
  return {std::move(text), fields.location(key)};
}

HurlStep load_hurl(const TomlFields& fields, const fs::path& dir) {
  only_keys(fields, "a hurl step", {"name", "hurl"});
  return {check_file(fields, "hurl", dir)};
}

RestartStep load_restart(const TomlFields& fields, const fs::path& dir) {
  only_keys(fields, "a restart step",
            {"name", "restart", "unset", "output", "env", "refuse", "database", "creates_nothing"});
  RestartStep step;
  const auto& restart = *fields.table().get("restart");
  step.kill = restart.value<std::string>() == "kill";
  if (!step.kill && restart.value<bool>() != true)
    fields.fail("restart", "`restart` must be true or \"kill\"");
  step.unset = fields.string_array("unset");
  step.env = load_env(fields);
  if (const auto refuse = optional_bool(fields, "refuse")) {
    if (!*refuse) fields.fail("refuse", "`refuse` must be true (leave it out for a start that must succeed)");
    if (step.env.empty() && step.unset.empty())
      fields.fail("refuse",
                  "`refuse` needs `env` or `unset`: the settings the server must refuse to start with");
  }
  step.refuse = !step.unset.empty() || fields.table().contains("refuse");
  if (fields.table().contains("unset") && step.unset.empty())
    fields.fail("unset", "`unset` must name at least one environment variable");
  if (fields.table().contains("output")) {
    if (!step.refuse)
      fields.fail("output", "`output` needs `unset` or `refuse`: it is what a refused start printed");
    step.output = pattern(fields, "output");
  }
  if (const auto nothing = optional_bool(fields, "creates_nothing")) {
    if (!*nothing) fields.fail("creates_nothing", "`creates_nothing` must be true (or left out)");
    if (!step.refuse)
      fields.fail("creates_nothing",
                  "`creates_nothing` needs `unset` or `refuse`: it is about a start that must be refused");
    step.creates_nothing = true;
  }
  step.database = optional_check_file(fields, "database", dir);
  if (step.database && step.refuse)
    fields.fail("database", "`database` cannot go with `refuse` or `unset`: the server must start on it");
  return step;
}

SignalStep load_signal(const TomlFields& fields, const fs::path& dir) {
  only_keys(fields, "a signal step", {"name", "signal", "during", "exit_code", "within"});
  static constexpr std::pair<std::string_view, int> kSignals[] = {
      {"SIGTERM", SIGTERM}, {"SIGINT", SIGINT}, {"SIGHUP", SIGHUP}};
  SignalStep step;
  step.signal_name = fields.required_string("signal");
  const auto found = std::find_if(std::begin(kSignals), std::end(kSignals),
                                  [&](const auto& known) { return known.first == step.signal_name; });
  if (found == std::end(kSignals))
    fields.fail("signal", "`signal` must be " + one_of({"SIGTERM", "SIGINT", "SIGHUP"}));
  step.signal = found->second;
  step.during = optional_check_file(fields, "during", dir);
  step.exit_code = static_cast<int>(optional_integer(fields, "exit_code", 0, 255).value_or(0));
  step.within = fields.duration("within", step.within);
  if (step.within.count() == 0) fields.fail("within", "`within` must be longer than 0");
  return step;
}

BurstStep load_burst(const TomlFields& fields, const fs::path& dir) {
  only_keys(fields, "a burst step",
            {"name", "burst", "count", "concurrency", "all_pass", "some_status", "distinct", "after"});
  BurstStep step;
  step.file = check_file(fields, "burst", dir);
  step.count = static_cast<int>(required_integer(fields, "count", 1, kMaxBurstCount));
  step.concurrency = static_cast<int>(required_integer(fields, "concurrency", 1, kMaxBurstConcurrency));
  if (step.concurrency > step.count) fields.fail("concurrency", "`concurrency` must not exceed `count`");
  step.all_pass = optional_bool(fields, "all_pass").value_or(true);
  if (auto status = optional_integer(fields, "some_status", 100, 599))
    step.some_status = static_cast<int>(*status);
  if (fields.table().get("distinct")) step.distinct = fields.required_string("distinct");
  step.after = optional_check_file(fields, "after", dir);
  return step;
}

LogsStep load_logs(const TomlFields& fields) {
  const auto mode = fields.required_string("logs");
  LogsStep step;
  if (mode == "json") {
    only_keys(fields, "a logs = \"json\" step", {"name", "logs", "fields"});
    step.mode = LogsStep::Mode::Json;
    step.fields = fields.string_array("fields");
  } else if (mode == "matches" || mode == "none_match") {
    only_keys(fields, "a logs = \"" + mode + "\" step", {"name", "logs", "pattern"});
    step.mode = mode == "matches" ? LogsStep::Mode::Matches : LogsStep::Mode::NoneMatch;
    step.pattern = pattern(fields);
  } else {
    fields.fail("logs", "`logs` must be " + one_of({"json", "matches", "none_match"}));
  }
  return step;
}

SqlValue sql_value(const TomlFields& fields, const toml::node& node) {
  if (const auto* integer = node.as_integer()) return integer->get();
  if (const auto* floating = node.as_floating_point()) return floating->get();
  if (const auto* text = node.as_string()) return text->get();
  if (const auto* boolean = node.as_boolean()) return static_cast<std::int64_t>(boolean->get());
  fields.fail_at(node, "a value of an `equals` row must be an integer, a float, a string or a boolean");
}

// `value = [[1, "a"], [2, "b"]]`: the rows, each an array of column values.
std::vector<std::vector<SqlValue>> sql_rows(const TomlFields& fields) {
  const auto* array = fields.table().get("value")->as_array();
  if (!array) fields.fail("value", "`value` must be an array of rows, e.g. [[1, \"a\"], [2, \"b\"]]");
  std::vector<std::vector<SqlValue>> rows;
  for (const auto& row : *array) {
    const auto* columns = row.as_array();
    if (!columns)
      fields.fail_at(row, "each row of `value` must be an array of column values, e.g. [1, \"a\"]");
    auto& values = rows.emplace_back();
    for (const auto& column : *columns) values.push_back(sql_value(fields, column));
  }
  return rows;
}

// The query of `key`, its `{{name}}`s made parameters; a Fatal at `key` when it does not parse.
SqlTemplate sql_template(const TomlFields& fields, std::string_view key) {
  std::string error;
  auto sql = parse_sql_template(fields.required_string(key), error);
  if (!sql) fields.fail(key, error);
  return std::move(*sql);
}

SqlStep load_sql(const TomlFields& fields) {
  static constexpr std::pair<std::string_view, SqlStep::Expect> kExpects[] = {
      {"rows", SqlStep::Expect::Rows},
      {"none", SqlStep::Expect::None},
      {"some", SqlStep::Expect::Some},
      {"all_match", SqlStep::Expect::AllMatch},
      {"none_match", SqlStep::Expect::NoneMatch},
      {"equals", SqlStep::Expect::Equals}};
  SqlStep step;
  auto sql = sql_template(fields, "sql");
  step.query = std::move(sql.query);
  step.parameters = std::move(sql.parameters);

  const auto expect = fields.required_string("expect");
  const auto found = std::find_if(std::begin(kExpects), std::end(kExpects),
                                  [&](const auto& known) { return known.first == expect; });
  if (found == std::end(kExpects)) {
    fields.fail("expect",
                "`expect` must be " + one_of({"rows", "none", "some", "all_match", "none_match", "equals"}));
  }
  step.expect = found->second;
  const auto where = "a sql step with expect = " + in_quotes(expect);
  const auto needs = [&](std::string_view key) {
    if (!fields.table().get(key))
      fields.fail("expect", "expect = " + in_quotes(expect) + " needs `" + std::string(key) + "`");
  };
  switch (step.expect) {
    case SqlStep::Expect::Rows:
      only_keys(fields, where, {"name", "sql", "expect", "rows"});
      needs("rows");
      step.rows = required_integer(fields, "rows", 0, kMaxRows);
      break;
    case SqlStep::Expect::AllMatch:
    case SqlStep::Expect::NoneMatch:
      only_keys(fields, where, {"name", "sql", "expect", "pattern"});
      needs("pattern");
      step.pattern = pattern(fields);
      break;
    case SqlStep::Expect::Equals:
      only_keys(fields, where, {"name", "sql", "expect", "value"});
      needs("value");
      step.value = sql_rows(fields);
      break;
    case SqlStep::Expect::None:
    case SqlStep::Expect::Some:
      only_keys(fields, where, {"name", "sql", "expect"});
      break;
  }
  return step;
}

CommandStep load_command(const TomlFields& fields) {
  only_keys(fields, "a command step", {"name", "command", "against"});
  if (fields.required_string("command") != "test")
    fields.fail("command", "`command` must be \"test\" (the project's test command in roadwork.toml)");
  const auto against = fields.optional_string("against").value_or("learner");
  CommandStep step;
  if (against == "learner")
    step.against = CommandStep::Against::Learner;
  else if (against == "solution")
    step.against = CommandStep::Against::Solution;
  else if (against == "mutants")
    step.against = CommandStep::Against::Mutants;
  else
    fields.fail("against", "`against` must be " + one_of({"learner", "solution", "mutants"}));
  return step;
}

PasswordStorageStep load_password_storage(const TomlFields& fields) {
  only_keys(fields, "a password_storage step", {"name", "password_storage", "passwords"});
  PasswordStorageStep step;
  auto sql = sql_template(fields, "password_storage");
  step.query = std::move(sql.query);
  step.parameters = std::move(sql.parameters);
  if (!fields.table().contains("passwords")) fields.fail("name", "missing required key `passwords`");
  step.passwords = fields.string_array("passwords");
  // An empty password would be "found" in every cell, and a verdict on no password proves nothing.
  if (step.passwords.empty() ||
      std::any_of(step.passwords.begin(), step.passwords.end(), [](const auto& p) { return p.empty(); }))
    fields.fail("passwords", "`passwords` must list the passwords the check files sent, none of them empty");
  return step;
}

PracticeStep load_practice(const TomlFields& fields) {
  only_keys(fields, "a practice step", {"name", "practice"});
  auto task = fields.required_string("practice");
  return {std::move(task), fields.location("practice")};
}

}  // namespace

Step load_step(const TomlFields& fields, const fs::path& dir) {
  Step step;
  step.name = fields.required_string("name");
  step.hint = fields.optional_string("hint").value_or("");
  std::optional<std::string> kind;
  for (const auto& [key, value] : fields.table()) {
    if (std::find(std::begin(kStepKinds), std::end(kStepKinds), key.str()) == std::end(kStepKinds)) continue;
    if (kind) {
      fields.fail(key.str(), "a step has exactly one kind key; this one has both `" + *kind + "` and `" +
                                 std::string(key.str()) + "`");
    }
    kind = key.str();
  }
  if (!kind) {
    // A misspelt kind key is the likely cause: name it, and the kind it is nearest to, rather than the
    // missing kind.
    std::vector<std::string_view> known{"name", "hint"};
    known.insert(known.end(), std::begin(kStepKinds), std::end(kStepKinds));
    fields.reject_unknown_keys(known, "[[steps]]");
    fields.fail(
        "name",
        "step " + in_quotes(step.name) +
            " has no kind: add one of hurl, restart, signal, burst, logs, sql, command, password_storage or "
            "practice");
  }
  if (*kind == "hurl")
    step.spec = load_hurl(fields, dir);
  else if (*kind == "restart")
    step.spec = load_restart(fields, dir);
  else if (*kind == "signal")
    step.spec = load_signal(fields, dir);
  else if (*kind == "burst")
    step.spec = load_burst(fields, dir);
  else if (*kind == "logs")
    step.spec = load_logs(fields);
  else if (*kind == "sql")
    step.spec = load_sql(fields);
  else if (*kind == "command")
    step.spec = load_command(fields);
  else if (*kind == "password_storage")
    step.spec = load_password_storage(fields);
  else
    step.spec = load_practice(fields);
  return step;
}

std::optional<SqlTemplate> parse_sql_template(std::string_view sql, std::string& error) {
  SqlTemplate result;
  char quote = 0;  // the quote character of the literal or identifier the scan is inside, if any
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;  // a doubled quote closes and reopens: the same state
    } else if (c == '\'' || c == '"') {
      quote = c;
    }
    if (sql.substr(i, 2) != "{{") {
      result.query += c;
      continue;
    }
    if (quote) {
      error =
          "`{{` inside a quoted SQL string: a placeholder stands for a whole value and is bound as a "
          "parameter, so write it without quotes (WHERE id = {{id}})";
      return std::nullopt;
    }
    const auto close = sql.find("}}", i + 2);
    std::string_view name = sql.substr(i + 2, close == std::string_view::npos ? 0 : close - i - 2);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    const bool valid = close != std::string_view::npos && !name.empty() &&
                       std::isalpha(static_cast<unsigned char>(name[0])) &&
                       std::all_of(name.begin(), name.end(), [](char n) {
                         return std::isalnum(static_cast<unsigned char>(n)) || n == '_' || n == '-';
                       });
    if (!valid) {
      error = "a placeholder in `sql` must be `{{name}}` with a variable name ([A-Za-z][A-Za-z0-9_-]*)";
      return std::nullopt;
    }
    result.query += '?';
    result.parameters.emplace_back(name);
    i = close + 1;
  }
  return result;
}

}  // namespace roadwork::course
