;;; Batch Emacs + Eglot: runs the adrift language server over stdio on one document, waits for
;;; its diagnostics, and writes to $ADRIFT_OUT both what Flymake shows (line, type, text) and the
;;; raw publishDiagnostics the server sent (Eglot's Flymake backend drops the rule id `code').
(dolist (dir (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*")) ; Debian's elpa-eglot and its deps
  (add-to-list 'load-path dir))
(require 'eglot)
(require 'json)
(require 'cl-lib)
(unless (fboundp 'markdown-mode) ; no markdown-mode package: a stand-in so the languageId is "markdown"
  (define-derived-mode markdown-mode text-mode "Markdown"))
(add-to-list 'auto-mode-alist '("\\.md\\'" . markdown-mode))

(defvar adrift-raw-diagnostics nil "The last publishDiagnostics params, as JSON-ready plists.")
(advice-add 'eglot-handle-notification :before
            (lambda (_server method &rest params)
              (when (eq method 'textDocument/publishDiagnostics)
                (setq adrift-raw-diagnostics params))))

(let* ((server-command (append (json-read-from-string (getenv "ADRIFT_SERVER_CMD")) nil))
       (file (getenv "ADRIFT_FILE"))
       (out (getenv "ADRIFT_OUT"))
       (timeout (/ (string-to-number (or (getenv "ADRIFT_TIMEOUT_MS") "20000")) 1000.0))
       (flymake-no-changes-timeout 0.1)
       (root (file-name-as-directory (getenv "ADRIFT_ROOT")))
       (buf (find-file-noselect file)))
  (with-current-buffer buf
    (eglot '(markdown-mode) (cons 'transient root) ; the fixture root, not a VC project
           'eglot-lsp-server server-command "markdown")
    ;; Wait until Flymake shows a diagnostic on every expected (0-based) line: the server may
    ;; publish early results for an open document before the workspace index is complete.
    (let ((deadline (+ (float-time) timeout))
          (wanted (mapcar #'string-to-number (split-string (or (getenv "ADRIFT_WAIT_LINES") "") "," t)))
          diags)
      (while (and (< (float-time) deadline)
                  (progn
                    (setq diags (flymake-diagnostics))
                    (let ((lines (mapcar (lambda (d) (1- (line-number-at-pos (flymake-diagnostic-beg d)))) diags)))
                      (or (null diags) (cl-some (lambda (n) (not (memq n lines))) wanted)))))
        (unless (flymake-running-backends) (flymake-start))
        (accept-process-output nil 0.05))
      (let ((json (json-encode ; computed here: line numbers belong to the document's buffer
                   `((emacs . ,emacs-version)
                     (flymake . ,(vconcat
                                  (mapcar (lambda (d)
                                            `((line . ,(line-number-at-pos (flymake-diagnostic-beg d)))
                                              (type . ,(symbol-name (flymake-diagnostic-type d)))
                                              (text . ,(flymake-diagnostic-text d))))
                                          diags)))
                     (raw . ,adrift-raw-diagnostics)))))
        (with-temp-file out (insert json)))
      (ignore-errors (eglot-shutdown (eglot-current-server)))
      (kill-emacs 0))))
