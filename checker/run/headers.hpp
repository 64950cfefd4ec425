#pragma once
// HTTP header lists and case-insensitive lookups on them (RFC 9110 §5.1: field names are case-insensitive).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace roadwork::run {

/// Header fields as name/value pairs; a name may repeat.
using HeaderList = std::vector<std::pair<std::string, std::string>>;

/// Whether two field names are the same, ignoring ASCII case.
bool same_header_name(std::string_view a, std::string_view b);

/// The value of the first field called `name`, if any.
std::optional<std::string> find_header(const HeaderList& headers, std::string_view name);

/// The values of every field called `name`, in list order.
std::vector<std::string> header_values(const HeaderList& headers, std::string_view name);

/// Removes every field called `name`.
void remove_header(HeaderList& headers, std::string_view name);

}  // namespace roadwork::run
