#!/bin/sh
# The reference session of http-explorer: every task done with curl. roadwork's tests run it against
# `roadwork practice http-explorer`, from inside the workspace:
#
#   BASE_URL=http://127.0.0.1:41234 sh exercises/http-explorer/solution/curl.sh
#
# The token comes from TOKEN, or else from the workspace's .roadwork/ folder above the current one.
# Learners: this file is the answer to every task; the exercise is more fun without it.
set -eu
: "${BASE_URL:?set BASE_URL to the address roadwork practice printed}"

find_token() {
  dir=$PWD
  while :; do
    if [ -f "$dir/.roadwork/practice/http-explorer/token" ]; then
      cat "$dir/.roadwork/practice/http-explorer/token"
      return
    fi
    [ "$dir" = / ] && break
    dir=$(dirname "$dir")
  done
  echo "curl.sh: no token: set TOKEN, or run this inside the workspace after roadwork practice started" >&2
  exit 2
}
TOKEN=${TOKEN:-$(find_token)}
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT

# query-string: quoted, or the shell would take & as "run in the background" and cut the URL there.
curl -sS -i "$BASE_URL/search?q=teapot&page=2"

# json-post: -d alone would label the body a form (application/x-www-form-urlencoded).
curl -sS -i -H 'Content-Type: application/json' -d '{"title": "Learn HTTP", "priority": 1}' "$BASE_URL/echo"

# custom-header
curl -sS -i -H "X-Roadwork-Token: $TOKEN" "$BASE_URL/secret"

# follow-redirect: -L asks for the Location of the 302, on the same connection.
curl -sS -i -L "$BASE_URL/old"

# return-cookie: -c saves the Set-Cookie of /login in the jar, -b sends it back.
curl -sS -i -c "$jar" "$BASE_URL/login"
curl -sS -i -b "$jar" "$BASE_URL/profile"

# cors-preflight: what a browser sends before a page from another origin may DELETE.
curl -sS -i -X OPTIONS -H 'Origin: https://example.com' -H 'Access-Control-Request-Method: DELETE' \
  "$BASE_URL/api/items"
