-- Headless Neovim (0.7 and later): runs the adrift language server over stdio on one document,
-- waits for its diagnostics, optionally applies a code action by title, and writes what the
-- editor ended up with as JSON to $ADRIFT_OUT. Exit code 0 when the run completed.
local server_cmd = vim.fn.json_decode(os.getenv('ADRIFT_SERVER_CMD'))
local file = os.getenv('ADRIFT_FILE')
local root = os.getenv('ADRIFT_ROOT')
local out = os.getenv('ADRIFT_OUT')
local action_title = os.getenv('ADRIFT_ACTION_TITLE') -- optional
local timeout_ms = tonumber(os.getenv('ADRIFT_TIMEOUT_MS') or '20000')
local result = { nvim = vim.version() }

local function finish(code)
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd(code == 0 and 'qall!' or 'cquit ' .. code)
end

local function snapshot(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    list[#list + 1] = { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, source = d.source, code = d.code }
  end
  return list
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
vim.bo.filetype = 'markdown'
local bufnr = vim.api.nvim_get_current_buf()
local config = { name = 'adrift', cmd = server_cmd, root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'workspace' } } }
local client_id
if vim.lsp.start then -- 0.8+
  client_id = vim.lsp.start(config)
else -- 0.7: start the client, then attach the buffer
  client_id = vim.lsp.start_client(config)
  if client_id then vim.lsp.buf_attach_client(bufnr, client_id) end
end
if not client_id then result.error = 'could not start the language server'; finish(2) end

-- Wait until every expected line has a diagnostic (the server may publish early results for an
-- open document before the workspace index is complete).
local wanted = {}
for n in string.gmatch(os.getenv('ADRIFT_WAIT_LINES') or '', '%d+') do wanted[#wanted + 1] = tonumber(n) end
result.received = vim.wait(timeout_ms, function()
  local present = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do present[d.lnum] = true end
  for _, n in ipairs(wanted) do if not present[n] then return false end end
  return next(present) ~= nil
end, 20)
result.diagnostics = snapshot(bufnr)

if action_title and result.received then
  local client = vim.lsp.get_client_by_id(client_id)
  -- Ask for the actions on the first diagnostic whose code action list holds the wanted title.
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp_diagnostic = {
      range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
      severity = d.severity, message = d.message, source = d.source, code = d.code,
      data = d.user_data and d.user_data.lsp and d.user_data.lsp.data or nil,
    }
    local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, range = lsp_diagnostic.range,
      context = { diagnostics = { lsp_diagnostic }, only = { 'quickfix' } } }
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, timeout_ms) or {}
    local titles = {}
    for _, response in pairs(responses) do
      for _, action in ipairs(response.result or {}) do
        titles[#titles + 1] = action.title
        if action.title == action_title and not result.applied then
          if not action.edit and not action.command then -- resolve lazily computed edits
            local resolved = client.request_sync('codeAction/resolve', action, timeout_ms, bufnr)
            if resolved and resolved.result then action = resolved.result end
          end
          if action.edit then vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16') end
          if action.command then
            local command = type(action.command) == 'table' and action.command or action
            client.request_sync('workspace/executeCommand', command, timeout_ms, bufnr)
          end
          result.applied = { title = action.title, line = d.lnum }
        end
      end
    end
    result.offered = result.offered or {}
    result.offered[#result.offered + 1] = { line = d.lnum, titles = titles }
    if result.applied then break end
  end
  if result.applied then
    local line = result.applied.line
    -- The server sees the edit through didChange and publishes new diagnostics for that line.
    result.cleared = vim.wait(timeout_ms, function()
      for _, d in ipairs(vim.diagnostic.get(bufnr)) do
        if d.lnum == line then return false end
      end
      return true
    end, 20)
    result.after = snapshot(bufnr)
    result.text = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  end
end
vim.lsp.stop_client(client_id)
finish(0)
