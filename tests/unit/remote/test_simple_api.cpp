// PEP 691 JSON and PEP 503 HTML project pages, PEP 658/714 metadata advertisement, PEP 592 yanking,
// PEP 700 fields, file names -> versions, and core-metadata parsing.
#include <catch2/catch.hpp>

#include "base/error.hpp"
#include "remote/digest.hpp"
#include "remote/simple_api.hpp"

using namespace thoth::remote;

TEST_CASE("a PEP 691 JSON page gives files with hashes, metadata, yanking and PEP 700 fields", "[remote][simple]") {
  const char* body = R"({"meta": {"api-version": "1.1"}, "name": "Foo", "versions": ["1.0", "2.0"],
    "files": [
      {"filename": "foo-1.0-py3-none-any.whl", "url": "../../files/foo-1.0-py3-none-any.whl",
       "hashes": {"sha256": "aa"}, "requires-python": ">=3.8", "core-metadata": {"sha256": "bb"},
       "size": 1234, "upload-time": "2023-01-01T00:00:00Z"},
      {"filename": "foo-2.0.tar.gz", "url": "https://files.example/foo-2.0.tar.gz", "hashes": {},
       "dist-info-metadata": true, "yanked": "broken"},
      {"filename": "foo-2.0-py3-none-any.whl", "url": "x.whl", "yanked": true, "core-metadata": false}
    ]})";
  ProjectPage page = parse_json_page(body, "http://127.0.0.1:1/simple/foo/");
  CHECK(page.api_version == "1.1");
  CHECK(page.versions == std::vector<std::string>{"1.0", "2.0"});
  REQUIRE(page.files.size() == 3);
  CHECK(page.files[0].url == "http://127.0.0.1:1/files/foo-1.0-py3-none-any.whl");
  CHECK(page.files[0].hashes.at("sha256") == "aa");
  CHECK(page.files[0].requires_python == ">=3.8");
  CHECK(page.files[0].has_metadata);
  CHECK(page.files[0].metadata_sha256 == "bb");
  CHECK(page.files[0].size == 1234u);
  CHECK(page.files[0].upload_time == "2023-01-01T00:00:00Z");
  CHECK_FALSE(page.files[0].yanked);
  CHECK(page.files[1].url == "https://files.example/foo-2.0.tar.gz");
  CHECK(page.files[1].has_metadata);  // legacy PEP 658 spelling
  CHECK(page.files[1].metadata_sha256.empty());
  CHECK(page.files[1].yanked);
  CHECK(page.files[1].yanked_reason == "broken");
  CHECK(page.files[2].yanked);
  CHECK(page.files[2].yanked_reason.empty());
  CHECK_FALSE(page.files[2].has_metadata);
  CHECK(page.files[2].url == "http://127.0.0.1:1/simple/foo/x.whl");
}

TEST_CASE("a JSON page of another major API version or another shape is an error naming the URL", "[remote][simple]") {
  CHECK_THROWS_WITH(parse_json_page(R"({"meta": {"api-version": "2.0"}, "files": []})", "http://h/simple/foo/"),
                    Catch::Contains("http://h/simple/foo/") && Catch::Contains("2.0"));
  CHECK_THROWS_WITH(parse_json_page("[1, 2]", "http://h/simple/foo/"), Catch::Contains("PEP 691"));
}

TEST_CASE("a PEP 503 HTML page gives the same information as JSON", "[remote][simple]") {
  const char* body = R"(<!DOCTYPE html><html><head><meta name="pypi:repository-version" content="1.0"></head><body>
    <A HREF="../../files/foo-1.0-py3-none-any.whl#sha256=aa" data-requires-python="&gt;=3.8,&lt;4"
       data-core-metadata="sha256=bb">foo-1.0-py3-none-any.whl</A><br/>
    <a href='https://files.example/foo-2.0.tar.gz' data-dist-info-metadata="true" data-yanked="broken &amp; bad">
      foo-2.0.tar.gz</a>
    <a href="foo-2.0.zip" data-yanked>foo-2.0.zip</a>
    <a name="anchor-without-href">ignored</a>
  </body></html>)";
  ProjectPage page = parse_html_page(body, "http://127.0.0.1:1/simple/foo/");
  CHECK(page.api_version == "1.0");
  REQUIRE(page.files.size() == 3);
  CHECK(page.files[0].filename == "foo-1.0-py3-none-any.whl");
  CHECK(page.files[0].url == "http://127.0.0.1:1/files/foo-1.0-py3-none-any.whl");
  CHECK(page.files[0].hashes.at("sha256") == "aa");
  CHECK(page.files[0].requires_python == ">=3.8,<4");
  CHECK(page.files[0].metadata_sha256 == "bb");
  CHECK(page.files[1].filename == "foo-2.0.tar.gz");
  CHECK(page.files[1].has_metadata);
  CHECK(page.files[1].yanked_reason == "broken & bad");
  CHECK(page.files[2].yanked);
  CHECK_FALSE(page.files[2].has_metadata);
}

TEST_CASE("file names map to versions of their project only", "[remote][simple]") {
  CHECK(version_from_filename("foo_bar-1.0.post1-py3-none-any.whl", "foo-bar") == "1.0.post1");
  CHECK(version_from_filename("foo_bar-1.0-1-cp311-cp311-manylinux_2_17_x86_64.whl", "foo-bar") == "1.0");
  CHECK(version_from_filename("foo-bar-2.0rc1.tar.gz", "foo-bar") == "2.0rc1");
  CHECK(version_from_filename("Foo.Bar-3.zip", "foo-bar") == "3");
  CHECK(version_from_filename("foo-bar-baz-1.0.tar.gz", "foo-bar") == "baz-1.0");  // caller's Version::parse rejects it
  CHECK_FALSE(version_from_filename("other-1.0.tar.gz", "foo-bar"));
  CHECK_FALSE(version_from_filename("foo_bar-1.0-py2.7.egg", "foo-bar"));
  CHECK_FALSE(version_from_filename("foo_bar-1.0.win32.exe", "foo-bar"));
}

TEST_CASE("core metadata: repeated and folded headers, the body ignored", "[remote][simple]") {
  CoreMetadata metadata = parse_core_metadata(
      "Metadata-Version: 2.1\r\nName: foo\r\nVersion: 1.0\r\nRequires-Python: >=3.8\r\nProvides-Extra: all\r\n"
      "Requires-Dist: bar>=1\r\nRequires-Dist: baz;\r\n  extra == 'all'\r\nDescription-Content-Type: text/x-rst\r\n\r\n"
      "Requires-Dist: not-a-header\n");
  CHECK(metadata.name == "foo");
  CHECK(metadata.version == "1.0");
  CHECK(metadata.requires_python == ">=3.8");
  CHECK(metadata.provides_extra == std::vector<std::string>{"all"});
  CHECK(metadata.requires_dist == std::vector<std::string>{"bar>=1", "baz; extra == 'all'"});
}

TEST_CASE("URL helpers: resolution, fragments, redaction", "[remote][simple]") {
  CHECK(resolve_url("https://h/simple/foo/", "../../f/x.whl#sha256=1") == "https://h/f/x.whl");
  CHECK(url_fragment("x.whl#sha256=12") == "sha256=12");
  CHECK(redact_url("https://user:secret@h.example/simple") == "https://***@h.example/simple");
  CHECK(redact_url("https://h.example/simple/a@b") == "https://h.example/simple/a@b");
  CHECK(with_trailing_slash("https://h/simple//") == "https://h/simple/");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
