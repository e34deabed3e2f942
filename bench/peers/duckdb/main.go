// Command duckdb is a peer of bench/run: it runs a DuckDB query (from
// `gen sql`) on a JSON Lines file and prints the rows it returns, one per
// line, tab-separated.
//
//	duckdb QUERY.sql INPUT [OUTPUT]
//
// {input} in the query stands for INPUT, {output} for OUTPUT.
package main

import (
	"database/sql"
	"fmt"
	"os"
	"strings"

	_ "github.com/duckdb/duckdb-go/v2"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: duckdb QUERY.sql INPUT [OUTPUT]")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2], strings.Join(os.Args[3:], "")); err != nil {
		fmt.Fprintln(os.Stderr, "duckdb:", err)
		os.Exit(1)
	}
}

func run(queryFile, input, output string) error {
	q, err := os.ReadFile(queryFile)
	if err != nil {
		return err
	}
	query := strings.NewReplacer("{input}", input, "{output}", output).Replace(string(q))
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return err
	}
	defer db.Close()
	conn := db
	stmts := strings.Split(strings.TrimSpace(query), ";\n")
	for i, stmt := range stmts {
		stmt = strings.TrimSuffix(strings.TrimSpace(stmt), ";")
		if stmt == "" {
			continue
		}
		if i < len(stmts)-1 || strings.HasPrefix(stmt, "COPY") {
			if _, err := conn.Exec(stmt); err != nil {
				return err
			}
			continue
		}
		rows, err := conn.Query(stmt)
		if err != nil {
			return err
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				return err
			}
			cells := make([]string, len(vals))
			for i, v := range vals {
				cells[i] = fmt.Sprint(v)
			}
			fmt.Println(strings.Join(cells, "\t"))
		}
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}
