package links

import "github.com/yuin/goldmark/parser"

func parserOpt(d *Doc) parser.ParseOption { return parser.WithContext(NewContext(d)) }
