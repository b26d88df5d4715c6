// Generates the test vectors for ReplicaUrlTest: litestream v0.3.13's ParseReplicaURL (same
// logic, on the net/url of the Go release litestream v0.3.13 is built with) over URLs with every
// printable ASCII character and a few non-ASCII ones in the host, path, query and fragment.
//
//	cd app/src/test/resources/gourl && GOTOOLCHAIN=go1.21.3 go run main.go > vectors.json
package main

import (
	"encoding/json"
	"net/url"
	"os"
	"path"
	"runtime"
	"strings"
)

func parseReplicaURL(s string) (scheme, host, urlpath string, err error) {
	u, err := url.Parse(s)
	if err != nil {
		return "", "", "", err
	}
	switch u.Scheme {
	case "file":
		scheme, u.Scheme = u.Scheme, ""
		return scheme, "", path.Clean(u.String()), nil
	case "":
		return u.Scheme, u.Host, u.Path, os.ErrInvalid
	default:
		return u.Scheme, u.Host, strings.TrimPrefix(path.Clean(u.Path), "/"), nil
	}
}

type vector struct {
	In     string `json:"in"`
	Scheme string `json:"scheme,omitempty"`
	Host   string `json:"host,omitempty"`
	Path   string `json:"path,omitempty"`
	Err    bool   `json:"err,omitempty"`
}

func main() {
	var chars []string
	for c := 0x20; c < 0x7f; c++ {
		chars = append(chars, string(rune(c)))
	}
	chars = append(chars, "é", "😀", "%20", "%2F", "%41", "%zz", "%", "%e9", "%C3%A9")
	templates := []string{"file:///data/my%dir/db", "file:///%", "file://host%/x", "file://%host/x/y",
		"s3://bucket/my%path/db", "s3://buck%et/x", "s3://bucket:90%/x", "s3://u%ser@bucket/x",
		"file://us%er@h/x", "S3://bucket/%", "file:///a/b?%", "file:///a/b#%", "s3://b/p#%x", "file:///%/../x"}
	out := []vector{}
	add := func(in string) {
		s, h, p, err := parseReplicaURL(in)
		if err != nil {
			out = append(out, vector{In: in, Err: true})
		} else {
			out = append(out, vector{In: in, Scheme: s, Host: h, Path: p})
		}
	}
	for _, t := range templates {
		for _, c := range chars {
			add(strings.Replace(t, "%", c, 1))
		}
	}
	for _, in := range []string{"file:///backups/my dir/app db", "s3://my-bucket/path with spaces/app.db",
		"s3://bucket", "s3://bucket/", "s3://bucket.localhost:9000/a/../b", "file://relative/x",
		"FILE:///UPPER", "file:///x:y/z", "file://[::1]:80/x", "s3://[::1/x", "gcs://b/x?y=1#z", "abs://a@b/c"} {
		add(in)
	}
	if runtime.Version() != "go1.21.3" {
		panic("run with GOTOOLCHAIN=go1.21.3: litestream v0.3.13 is built with it, not " + runtime.Version())
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		panic(err)
	}
}
