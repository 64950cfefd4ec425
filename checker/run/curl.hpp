#pragma once
// A curl command line that sends a request again, for learners to reproduce a failing check by hand.

#include <string>

#include "checker/run/http_client.hpp"

namespace roadwork::run {

/// `curl -i [-X METHOD] 'URL' [-H 'Name: value']… [--data 'body']`, every argument in single quotes for a
/// POSIX shell. `headers` are the ones sent; roadwork's own defaults (`User-Agent: roadwork`,
/// `Accept: */*`) are left out because curl sends its own. A body without Content-Type gets `-H
/// 'Content-Type:'`, which stops curl from adding its form type; a binary body uses bash's $'…' quoting.
/// `-L` (and `--max-redirs` when not curl's default of 50) when redirects are followed.
std::string curl_command(const std::string& method, const std::string& url, const HeaderList& headers,
                         const std::string& body, const RedirectPolicy& redirects);

/// The curl_command of a request the runner sent, made when a report shows it (a failure's "reproduce:")
/// rather than for every request, which would cost a passing run on each.
std::string curl_command(const HttpCall& call);

/// `text` in single quotes, each `'` inside written as `'\''`.
std::string shell_quote(const std::string& text);

}  // namespace roadwork::run
