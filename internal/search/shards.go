package search

import (
	"bytes"
	"fmt"
	"strconv"
)

// entryJSON is a term's entry in its shard: its postings, on how many
// pages it is when the postings keep only its best (df, else 0), then its
// best pages as [page, title, URL, section anchor, snippet], or without
// title and URL where meta.js has them (titles false).
func entryJSON(encoded string, df int, top []posting, recs []record, docs []Doc, titles bool) []byte {
	b := make([]byte, 0, len(encoded)+4+len(top)*200)
	b = append(b, '[')
	b = appendJSONString(b, encoded)
	if df > 0 {
		b = strconv.AppendInt(append(b, ','), int64(df), 10)
	}
	for k, p := range top {
		b = append(b, ',')
		if !titles {
			b = appendRecord(b, p.doc, recs[k].id, recs[k].snippet)
			continue
		}
		d := docs[p.doc]
		b = appendRecord(b, p.doc, d.Title, d.URL, recs[k].id, recs[k].snippet)
	}
	return append(b, ']')
}

// shardBytes is the least size of a postings shard for these entries: at
// least Options.ShardBytes, and large enough that there are at most
// MaxShards shards, or one per PagesPerShard pages on a large site.
func (ix *Indexer) shardBytes(entries [][]byte) int {
	opts := ix.opts
	if ix.small {
		return opts.SmallShardBytes
	}
	total := 0
	for _, e := range entries {
		total += len(e) + 1
	}
	return max(opts.ShardBytes, total/max(opts.MaxShards, len(ix.docs)/max(opts.PagesPerShard, 1), 1))
}

// packShards packs the terms' entries, in term order, into the files
// search/s/N.js, each at least shardBytes long but the last, and returns
// them with the number of the first term of each.
func packShards(entries [][]byte, shardBytes int) (files []File, shardStarts []int) {
	var cur bytes.Buffer
	flush := func() {
		if cur.Len() == 0 {
			return
		}
		id := len(shardStarts) - 1
		files = append(files, File{Path: fmt.Sprintf("search/s/%d.js", id), Data: fmt.Appendf(nil, "__handboekSearch(\"s\",%d,[%s])\n", id, cur.Bytes())})
		cur.Reset()
	}
	for i, e := range entries {
		if cur.Len() > 0 && cur.Len()+len(e) > shardBytes {
			flush()
		}
		if cur.Len() == 0 {
			shardStarts = append(shardStarts, i)
		} else {
			cur.WriteByte(',')
		}
		cur.Write(e)
	}
	flush()
	return files, shardStarts
}
