// Generates the test vectors for EnvExpanderTest with Go's own os.Expand (litestream applies
// os.ExpandEnv, which is os.Expand with os.Getenv, to its config file). The mapping returns the
// parsed name in angle brackets, so each vector pins exactly which name Go read and what it ate.
//
//	cd app/src/test/resources/goexpand && GOTOOLCHAIN=go1.21.3 go run main.go > vectors.json
package main

import (
	"encoding/json"
	"os"
)

func main() {
	var chars []string
	for c := 0x20; c < 0x7f; c++ {
		chars = append(chars, string(rune(c)))
	}
	chars = append(chars, "\t", "\n", "é", "€", "😀")
	templates := []string{"$%", "$%Z", "$A%", "$A%Z", "${%}", "${%Z}", "${A%}", "${A%Z}", "${%", "x$%$%",
		"${A}%", "$$%", "%$", "${A%B", "$_%", "$9%", "${9%}", "${%%}"}
	var inputs []string
	for _, t := range templates {
		for _, c := range chars {
			s := ""
			for _, r := range t {
				if r == '%' {
					s += c
				} else {
					s += string(r)
				}
			}
			inputs = append(inputs, s)
		}
	}
	inputs = append(inputs, "https://${S3_ENDPOINT}/x", "${S3_BUCKET}", "${R2_ENDPOINT}", "$BACKUP_DIR_2/x",
		"${BACKUP_DIR_2}", "$3", "$12", "${12}", "$", "", "$$", "${", "${}", "}", "$}", "${{}}", "${a{b}c}")
	out := make([][2]string, 0, len(inputs))
	for _, in := range inputs {
		out = append(out, [2]string{in, os.Expand(in, func(name string) string { return "<" + name + ">" })})
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		panic(err)
	}
}
