// Command hello is the start-up baseline of bench/run: the least a Go
// program can do.
package main

import "fmt"

func main() {
	fmt.Println("hello, world")
}
