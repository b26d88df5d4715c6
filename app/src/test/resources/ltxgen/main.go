// Command ltxgen writes LTX fixture files with the real github.com/superfly/ltx encoder and
// prints what the Java decoder must read back (decoded again with ltx's own Decoder).
// Built twice by gen.sh: go.mod pins ltx v0.5.2 (LZ4 block pages), go.v051.mod pins v0.5.1
// (LZ4 frame pages). Usage: ltxgen <dbdir> <outdir> <suffix>
package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/superfly/ltx"
)

type spec struct {
	name     string
	db       string
	pgnos    []uint32 // nil: every page (snapshot)
	minTXID  ltx.TXID
	maxTXID  ltx.TXID
	walOff   int64
	walSize  int64
	salt1    uint32
	salt2    uint32
	nodeID   uint64
	tsMillis int64
}

func main() {
	dbdir, outdir, suffix := os.Args[1], os.Args[2], os.Args[3]
	specs := []spec{
		{name: "snap4096", db: "p4096a.db", minTXID: 1, maxTXID: 5, tsMillis: 1767225600123},
		{name: "incr4096", db: "p4096b.db", pgnos: []uint32{1, 2, 3, 7}, minTXID: 6, maxTXID: 8,
			walOff: 32, walSize: 4 * (24 + 4096), salt1: 0x01020304, salt2: 0xa0b0c0d0, nodeID: 42, tsMillis: 1767225660456},
		{name: "snap512", db: "p512.db", minTXID: 1, maxTXID: 3, tsMillis: 1767225700789},
		{name: "incr65536", db: "p65536.db", pgnos: []uint32{1, 2}, minTXID: 0x10, maxTXID: 0x1f, tsMillis: 1767225800000},
		{name: "snap65536", db: "p65536.db", minTXID: 1, maxTXID: 2, tsMillis: 1767225900001},
	}
	for _, s := range specs {
		if err := write(dbdir, outdir, suffix, s); err != nil {
			fmt.Fprintln(os.Stderr, s.name, err)
			os.Exit(1)
		}
	}
}

func pageSizeOf(db []byte) uint32 {
	ps := uint32(db[16])<<8 | uint32(db[17])
	if ps == 1 {
		return 65536
	}
	return ps
}

func write(dbdir, outdir, suffix string, s spec) error {
	db, err := os.ReadFile(filepath.Join(dbdir, s.db))
	if err != nil {
		return err
	}
	ps := pageSizeOf(db)
	commit := uint32(len(db)) / ps
	pgnos := s.pgnos
	if pgnos == nil {
		for p := uint32(1); p <= commit; p++ {
			pgnos = append(pgnos, p)
		}
	}
	var buf bytes.Buffer
	enc, err := ltx.NewEncoder(&buf)
	if err != nil {
		return err
	}
	hdr := ltx.Header{Version: ltx.Version, Flags: ltx.HeaderFlagNoChecksum, PageSize: ps, Commit: commit,
		MinTXID: s.minTXID, MaxTXID: s.maxTXID, Timestamp: s.tsMillis, WALOffset: s.walOff, WALSize: s.walSize,
		WALSalt1: s.salt1, WALSalt2: s.salt2, NodeID: s.nodeID}
	if err := enc.EncodeHeader(hdr); err != nil {
		return err
	}
	name := s.name + "-" + suffix + ".ltx"
	out := fmt.Sprintf("file\t%s\n", name)
	out += fmt.Sprintf("header\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n", hdr.Flags, hdr.PageSize, hdr.Commit,
		hdr.MinTXID, hdr.MaxTXID, hdr.Timestamp, hdr.PreApplyChecksum, hdr.WALOffset, hdr.WALSize, hdr.WALSalt1, hdr.WALSalt2, hdr.NodeID)
	for _, p := range pgnos {
		data := db[(p-1)*ps : p*ps]
		if err := enc.EncodePage(ltx.PageHeader{Pgno: p}, data); err != nil {
			return err
		}
		out += fmt.Sprintf("page\t%d\t%x\n", p, sha256.Sum256(data))
	}
	if err := enc.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(outdir, name), buf.Bytes(), 0o644); err != nil {
		return err
	}
	// Read it back with ltx's own decoder: the index and trailer printed are what ltx itself reads.
	dec := ltx.NewDecoder(bytes.NewReader(buf.Bytes()))
	if err := dec.Verify(); err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	idx := dec.PageIndex()
	keys := make([]int, 0, len(idx))
	for k := range idx {
		keys = append(keys, int(k))
	}
	sort.Ints(keys)
	for _, k := range keys {
		out += fmt.Sprintf("index\t%d\t%d\t%d\n", k, idx[uint32(k)].Offset, idx[uint32(k)].Size)
	}
	t := dec.Trailer()
	out += fmt.Sprintf("trailer\t%d\t%d\n", uint64(t.PostApplyChecksum), uint64(t.FileChecksum))
	out += fmt.Sprintf("size\t%d\n", buf.Len())
	fmt.Print(out)
	return nil
}
