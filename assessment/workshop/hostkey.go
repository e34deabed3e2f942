package workshop

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/digilead/digilead/questions/errtext"
	gossh "golang.org/x/crypto/ssh"
)

// HostKeyName is the host key's file name in the data directory.
const HostKeyName = "workshop_host_ed25519_key"

// HostKey loads the server's host key from path, creating it (Ed25519,
// mode 0600, its directory 0700) on first use, so that participants see
// the same key at every workshop and no changed-key warning. created says
// whether it was made now.
func HostKey(path string) (signer gossh.Signer, created bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		data, err = newHostKey(path)
		created = err == nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("host key %s: %w", path, errtext.WithoutPath(err))
	}
	signer, err = gossh.ParsePrivateKey(data)
	if err != nil {
		return nil, false, errtext.Invalidf("host key %s: %v; use an unencrypted OpenSSH private key, or move this file away to have a new one made", path, err)
	}
	return signer, created, nil
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
