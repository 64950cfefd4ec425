#include "checker/run/dates.hpp"

#include <fmt/format.h>

#include <array>

namespace roadwork::run {

namespace {

constexpr std::array<std::string_view, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool is_leap(std::int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(std::int64_t year, int month) {
  constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t year, int month, int day) {
  year -= month <= 2;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const std::int64_t year_of_era = year - era * 400;
  const std::int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

// Reads exactly `count` digits at `pos`, advancing past them.
std::optional<int> digits(std::string_view text, std::size_t& pos, std::size_t count) {
  if (pos > text.size() || text.size() - pos < count) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += count;
  return value;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

// `HH:MM:SS` with its ranges checked (a leap second, :60, is allowed as RFC 3339 allows it).
std::optional<int> time_of_day(std::string_view text, std::size_t& pos) {
  const auto hour = digits(text, pos, 2);
  if (!hour || !expect(text, pos, ':')) return std::nullopt;
  const auto minute = digits(text, pos, 2);
  if (!minute || !expect(text, pos, ':')) return std::nullopt;
  const auto second = digits(text, pos, 2);
  if (!second || *hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
  return *hour * 3600 + *minute * 60 + *second;
}

}  // namespace

std::optional<std::int64_t> parse_http_date(std::string_view text) {
  std::size_t pos = text.find(", ");
  if (pos == std::string_view::npos) return std::nullopt;
  pos += 2;
  const auto day = digits(text, pos, 2);
  if (!day || pos >= text.size() || (text[pos] != ' ' && text[pos] != '-')) return std::nullopt;
  const char separator = text[pos++];
  if (text.size() - pos < 3) return std::nullopt;
  int month = 0;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (text.substr(pos, 3) == kMonths[i]) month = static_cast<int>(i) + 1;
  }
  pos += 3;
  if (month == 0 || !expect(text, pos, separator)) return std::nullopt;
  const auto year = digits(text, pos, 4);
  if (!year || !expect(text, pos, ' ')) return std::nullopt;
  const auto seconds = time_of_day(text, pos);
  if (!seconds || *day < 1 || *day > days_in_month(*year, month)) return std::nullopt;
  const auto zone = text.substr(pos);
  if (zone != " GMT" && zone != " UTC") return std::nullopt;
  return days_from_civil(*year, month, *day) * 86400 + *seconds;
}

std::string format_iso8601(std::int64_t unix_seconds) {
  // civil_from_days, the inverse of days_from_civil.
  std::int64_t days = unix_seconds / 86400;
  std::int64_t rest = unix_seconds % 86400;
  if (rest < 0) rest += 86400, --days;
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t day_of_era = days - era * 146097;
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t mp = (5 * day_of_year + 2) / 153;
  const std::int64_t day = day_of_year - (153 * mp + 2) / 5 + 1;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = year_of_era + era * 400 + (month <= 2);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", year, month, day, rest / 3600, rest % 3600 / 60,
                     rest % 60);
}

bool is_rfc3339(std::string_view text) {
  std::size_t pos = 0;
  const auto year = digits(text, pos, 4);
  if (!year || !expect(text, pos, '-')) return false;
  const auto month = digits(text, pos, 2);
  if (!month || *month < 1 || *month > 12 || !expect(text, pos, '-')) return false;
  const auto day = digits(text, pos, 2);
  if (!day || *day < 1 || *day > days_in_month(*year, *month)) return false;
  if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ')) return false;
  ++pos;
  if (!time_of_day(text, pos)) return false;
  if (pos < text.size() && text[pos] == '.') {
    const auto start = ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) return false;
  }
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) return pos + 1 == text.size();
  if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) return false;
  ++pos;
  const auto hours = digits(text, pos, 2);
  if (!hours || *hours > 23 || !expect(text, pos, ':')) return false;
  const auto minutes = digits(text, pos, 2);
  return minutes && *minutes <= 59 && pos == text.size();
}

}  // namespace roadwork::run
