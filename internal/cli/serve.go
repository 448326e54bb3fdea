package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/handboek/handboek/internal/server"
)

type serveOptions struct {
	Source   string
	Port     int
	Bind     string
	Allow    []string // Host names answered besides localhost and the bind address
	Drafts   bool
	Open     bool
	Debounce time.Duration
}

func newServeCmd(io Streams) *cobra.Command {
	opts := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the site from memory and rebuild it on every save, with live reload",
		Long: `Build the handbook in SOURCE into memory and serve it at http://BIND:PORT/.

Every save under content/, layouts/, static/, i18n/, themes/ or to
handboek.yaml rebuilds the site (a Markdown edit renders just that page) and
reloads every open browser tab. A build error is shown in the browser, with
every file:line: message, until the next good save. Nothing is written to
disk; use handboek build for that. Stop with Ctrl-C.

Only requests for localhost, 127.0.0.1, [::1], the --bind address (any IP
address with --bind 0.0.0.0) and --allow-host names are answered; others
get 403, so that no web site can read the server through DNS rebinding.`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if opts.Port < 0 || opts.Port > 65535 {
				return usageErrorf("--port: %d is not a port (0 to 65535; 0 picks a free one)", opts.Port)
			}
			if opts.Debounce < 0 {
				return usageErrorf("--debounce: %v is negative", opts.Debounce)
			}
			return runServe(c.Context(), opts, io)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Source, "source", "s", ".", "site folder holding handboek.yaml and content/")
	f.IntVarP(&opts.Port, "port", "p", 1313, "port to listen on (0: any free port)")
	f.StringVar(&opts.Bind, "bind", "127.0.0.1", "interface to listen on (0.0.0.0: every interface)")
	f.StringSliceVar(&opts.Allow, "allow-host", nil, "also answer requests for this host name (repeat, or comma-separate; * for any); others get 403")
	f.BoolVarP(&opts.Drafts, "buildDrafts", "D", false, "include pages marked draft")
	f.BoolVar(&opts.Drafts, "drafts", false, "include pages marked draft (same as --buildDrafts)")
	f.BoolVar(&opts.Open, "open", false, "open the site in the default browser")
	f.DurationVar(&opts.Debounce, "debounce", 0, "quiet time after a change before rebuilding (default 20ms)")
	return cmd
}

func runServe(ctx context.Context, opts *serveOptions, io Streams) error {
	if err := requireSite(opts.Source); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(opts.Bind, strconv.Itoa(opts.Port)))
	if err != nil {
		return fmt.Errorf("cannot listen on %s:%d: %v (is another server running? try --port 0)", opts.Bind, opts.Port, err)
	}
	dev, err := server.NewDev(server.DevOptions{Source: opts.Source, Drafts: opts.Drafts, Version: Version, Debounce: opts.Debounce, Log: io.Out, Err: io.Err})
	if err != nil {
		ln.Close()
		return err
	}
	url := "http://" + ln.Addr().String() + "/"
	where := opts.Source
	if abs, err := filepath.Abs(where); err == nil {
		where = abs
	}
	fmt.Fprintf(io.Out, "Serving %s at %s (Ctrl-C to stop)\n", where, url)
	if opts.Open {
		openBrowser(url, io)
	}
	// Only requests for this server's own names: a web page elsewhere
	// could otherwise read it by DNS rebinding.
	srv := &http.Server{Handler: server.AllowHosts(dev, opts.Bind, opts.Allow), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	rebuilt := make(chan struct{})
	go func() { dev.Run(ctx); close(rebuilt) }()
	select {
	case <-ctx.Done():
	case err := <-served:
		cancel()
		<-rebuilt
		return err
	}
	// Ctrl-C: end the event streams, then give ordinary requests a moment.
	dev.Close()
	shutdown, stop := context.WithTimeout(context.Background(), 2*time.Second)
	defer stop()
	if err := srv.Shutdown(shutdown); errors.Is(err, context.DeadlineExceeded) {
		fmt.Fprintln(io.Err, "serve: requests still open after 2s were cut off")
	} else if err != nil {
		return err
	}
	srv.Close()
	<-rebuilt
	fmt.Fprintln(io.Out, "Stopped.")
	return nil
}

func openBrowser(url string, io Streams) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(io.Err, "could not open a browser (%v); open %s yourself\n", err, url)
		return
	}
	go cmd.Wait()
}
