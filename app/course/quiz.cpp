#include "app/course/quiz.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <set>

#include "app/course/names.hpp"
#include "app/course/toml_fields.hpp"

namespace roadwork::course {

namespace {

QuestionKind load_kind(const TomlFields& fields) {
  const auto kind = fields.required_string("kind");
  if (kind == "single") return QuestionKind::Single;
  if (kind == "multiple") return QuestionKind::Multiple;
  if (kind == "text") return QuestionKind::Text;
  fields.fail("kind", "kind must be \"single\", \"multiple\" or \"text\", not \"" + kind + "\"");
}

std::vector<int> load_answer(const TomlFields& fields, QuestionKind kind, std::size_t choices) {
  const auto* node = fields.table().get("answer");
  if (!node)
    fields.fail("answer", "missing required key `answer`: the numbers of the right choices, e.g. [2]");
  const auto* array = node->as_array();
  if (!array) fields.fail("answer", "`answer` must be an array of choice numbers, e.g. [2]");
  std::vector<int> answer;
  for (const auto& item : *array) {
    const auto* number = item.as_integer();
    if (!number) fields.fail_at(item, "`answer` must hold only choice numbers (1 is the first choice)");
    const std::int64_t value = number->get();
    if (value < 1 || value > static_cast<std::int64_t>(choices))
      fields.fail_at(item, fmt::format("answer {} is out of range: there are {} choices", value, choices));
    if (std::find(answer.begin(), answer.end(), value) != answer.end())
      fields.fail_at(item, fmt::format("answer {} is listed twice", value));
    answer.push_back(static_cast<int>(value));
  }
  if (answer.empty()) fields.fail("answer", "`answer` must list at least one choice");
  if (kind == QuestionKind::Single && answer.size() > 1)
    fields.fail("answer", "a single question has exactly one answer; use kind = \"multiple\" for more");
  std::sort(answer.begin(), answer.end());
  return answer;
}

void load_choice_question(const TomlFields& fields, Question& question) {
  if (fields.table().contains("accept"))
    fields.fail("accept", fmt::format("`accept` is for text questions; a {} question has `answer`",
                                      to_string(question.kind)));
  if (!fields.table().contains("choices"))
    fields.fail("choices", fmt::format("missing required key `choices`: a {} question needs at least two",
                                       to_string(question.kind)));
  question.choices = fields.string_array("choices");
  if (question.choices.size() < 2) fields.fail("choices", "`choices` must hold at least two choices");
  question.answer = load_answer(fields, question.kind, question.choices.size());
}

void load_text_question(const TomlFields& fields, Question& question) {
  for (const char* key : {"choices", "answer"})
    if (fields.table().contains(key))
      fields.fail(
          key, fmt::format("`{}` is for single and multiple questions; a text question has `accept`", key));
  if (!fields.table().contains("accept"))
    fields.fail("accept", "missing required key `accept`: regular expressions that match the right answers");
  question.accept = fields.string_array("accept");
  if (question.accept.empty()) fields.fail("accept", "`accept` must hold at least one pattern");
  const auto& items = *fields.table().get("accept")->as_array();
  for (std::size_t i = 0; i < question.accept.size(); ++i) {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_case_sensitive(false);
    auto pattern = std::make_shared<const RE2>(question.accept[i], options);
    if (!pattern->ok()) {
      fields.fail_at(items[i], fmt::format("accept pattern \"{}\" is not a valid regular expression: {}",
                                           question.accept[i], pattern->error()));
    }
    question.patterns.push_back(std::move(pattern));
  }
}

Question load_question(const TomlFields& fields) {
  fields.reject_unknown_keys({"id", "kind", "prompt", "choices", "answer", "accept", "explanation"},
                             "[[questions]]");
  Question question;
  question.id = fields.required_string("id");
  if (!is_kebab_case(question.id))
    fields.fail("id",
                "id \"" + question.id + "\" must be kebab-case: lower-case words and digits joined by -");
  question.kind = load_kind(fields);
  question.prompt = fields.required_string("prompt");
  if (question.kind == QuestionKind::Text)
    load_text_question(fields, question);
  else
    load_choice_question(fields, question);
  question.explanation = fields.required_string("explanation");
  return question;
}

std::string_view trim(std::string_view text) {
  const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

AnswerCheck check_choices(const Question& question, std::string_view given) {
  const auto how = question.kind == QuestionKind::Single ? "answer with the number of one choice, e.g. 2"
                                                         : "answer with the numbers of the choices, e.g. 1,3";
  std::set<int> numbers;
  for (std::size_t i = 0; i < given.size();) {
    if (given[i] == ',' || std::isspace(static_cast<unsigned char>(given[i]))) {
      ++i;
      continue;
    }
    int number = 0;
    const auto [end, error] = std::from_chars(given.data() + i, given.data() + given.size(), number);
    if (error != std::errc() ||
        (end != given.data() + given.size() && *end != ',' && *end != ' ' && *end != '\t'))
      return {AnswerCheck::Invalid, "", how};
    if (number < 1 || number > static_cast<int>(question.choices.size()))
      return {AnswerCheck::Invalid, "",
              fmt::format("there is no choice {}; pick 1 to {}", number, question.choices.size())};
    numbers.insert(number);
    i = static_cast<std::size_t>(end - given.data());
  }
  if (numbers.empty()) return {AnswerCheck::Invalid, "", how};
  if (question.kind == QuestionKind::Single && numbers.size() > 1)
    return {AnswerCheck::Invalid, "", "pick one choice only"};
  const bool right =
      std::equal(numbers.begin(), numbers.end(), question.answer.begin(), question.answer.end());
  return {right ? AnswerCheck::Right : AnswerCheck::Wrong, fmt::format("{}", fmt::join(numbers, ",")), ""};
}

}  // namespace

const Question* Quiz::find(std::string_view id) const {
  const auto it = std::find_if(questions.begin(), questions.end(), [&](const auto& q) { return q.id == id; });
  return it == questions.end() ? nullptr : &*it;
}

Expected<Quiz, std::vector<Diagnostic>> load_quiz(const std::filesystem::path& path) {
  return catch_load_error([&] {
    const auto table = parse_toml_file(path);
    const TomlFields fields(table, path.string());
    fields.reject_unknown_keys({"questions"}, "quiz.toml");
    Quiz quiz;
    quiz.path = path;
    std::set<std::string> ids;
    for (const auto& question_fields : fields.table_array("questions")) {
      quiz.questions.push_back(load_question(question_fields));
      if (!ids.insert(quiz.questions.back().id).second)
        question_fields.fail("id",
                             "question id \"" + quiz.questions.back().id + "\" is used twice in this quiz");
    }
    if (quiz.questions.empty()) fields.fail("questions", "a quiz needs at least one [[questions]] table");
    return quiz;
  });
}

AnswerCheck check_answer(const Question& question, std::string_view given) {
  const auto text = trim(given);
  if (question.kind != QuestionKind::Text) return check_choices(question, text);
  if (text.empty()) return {AnswerCheck::Invalid, "", "type an answer"};
  std::string answer(text);
  const bool right = std::any_of(question.patterns.begin(), question.patterns.end(),
                                 [&](const auto& pattern) { return RE2::FullMatch(answer, *pattern); });
  return {right ? AnswerCheck::Right : AnswerCheck::Wrong, std::move(answer), ""};
}

const char* to_string(QuestionKind kind) {
  switch (kind) {
    case QuestionKind::Single:
      return "single";
    case QuestionKind::Multiple:
      return "multiple";
    case QuestionKind::Text:
      return "text";
  }
  return "";
}

}  // namespace roadwork::course
