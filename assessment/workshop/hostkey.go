package workshop

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/questions/errtext"
)

// HostKeyName is the host key's file name in the data directory.
const HostKeyName = "workshop_host_ed25519_key"

// DefaultHostKey is the host key's path in the data directory (see
// store.Open for where it is).
func DefaultHostKey(getenv func(string) string) (string, error) {
	st, err := store.Open(getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(st.Dir, HostKeyName), nil
}

// DefaultDir is the results folder of a workshop held on day:
// digilead-workshop-YYYY-MM-DD, in the current directory.
func DefaultDir(day time.Time) string { return "digilead-workshop-" + day.Format("2006-01-02") }

// LoadHostKey is HostKey of path, or of DefaultHostKey when path is "".
func LoadHostKey(path string, getenv func(string) string) (signer gossh.Signer, note string, err error) {
	if path == "" {
		if path, err = DefaultHostKey(getenv); err != nil {
			return nil, "", err
		}
	}
	return HostKey(path)
}

// HostKey loads the server's host key from path, creating it (Ed25519,
// mode 0600, its directory 0700) on first use, so that participants see
// the same key at every workshop and no changed-key warning. note is what
// to tell the trainer: that the key was made now, or that its mode was
// made 0600.
//
// A key other users can read is refused, as sshd refuses one: anyone who
// can read it can pretend to be this server. The key digilead made (named
// HostKeyName) has its mode set back to 0600 instead.
func HostKey(path string) (signer gossh.Signer, note string, err error) {
	data, err := os.ReadFile(path)
	created := false
	if errors.Is(err, os.ErrNotExist) {
		data, err = newHostKey(path)
		created = err == nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("host key %s: %w", path, errtext.WithoutPath(err))
	}
	if !created {
		if note, err = checkKeyMode(path); err != nil {
			return nil, "", err
		}
	}
	signer, err = gossh.ParsePrivateKey(data)
	if err != nil {
		return nil, "", errtext.Invalidf("host key %s: %v; name an unencrypted OpenSSH private key with --host-key, or move this file away to have a new one made", path, err)
	}
	if created {
		note = fmt.Sprintf("created the workshop host key %s; it is reused at every workshop", path)
	}
	return signer, note, nil
}

// checkKeyMode refuses a host key that other users can read or write (any
// permission for the group or others, as sshd checks), or sets the mode
// of the key digilead made back to 0600, saying so.
func checkKeyMode(path string) (string, error) {
	if runtime.GOOS == "windows" {
		return "", nil // no Unix modes: the file's ACL decides
	}
	fi, err := os.Stat(path)
	if err != nil {
		return "", fmt.Errorf("host key %s: %w", path, errtext.WithoutPath(err))
	}
	mode := fi.Mode().Perm()
	if mode&0o077 == 0 {
		return "", nil
	}
	if filepath.Base(path) == HostKeyName {
		if err := os.Chmod(path, 0o600); err != nil {
			return "", fmt.Errorf("host key %s can be read by other users (mode %04o) and its mode cannot be set to 0600: %w\nMake it yours alone: chmod 600 %s", path, mode, errtext.WithoutPath(err), path)
		}
		return fmt.Sprintf("the workshop host key %s could be read by other users (mode %04o); digilead made it, so its mode is now 0600", path, mode), nil
	}
	return "", errtext.Invalidf("host key %s can be read by other users (mode %04o): anyone who can read it can pretend to be this server, so it is not used (sshd refuses such a key too)\nMake it yours alone: chmod 600 %s", path, mode, path)
}

// newHostKey writes a new Ed25519 key to path and returns it.
func newHostKey(path string) ([]byte, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	block, err := gossh.MarshalPrivateKey(key, "digilead workshop")
	if err != nil {
		return nil, err
	}
	data := pem.EncodeToMemory(block)
	// Claimed, never replaced: of two servers starting at once, the
	// second reads the first one's key.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return os.ReadFile(path)
	}
	if err != nil {
		return nil, err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return nil, err
	}
	return data, nil
}

// Fingerprint is the key's SHA256 fingerprint as OpenSSH shows it, e.g.
// "SHA256:Nz9R…".
func Fingerprint(k gossh.PublicKey) string { return gossh.FingerprintSHA256(k) }
