-- Slipway's language server in Neovim, with the built-in LSP client (no plugin needed).
-- Put this file in ~/.config/nvim/plugin/slipway.lua (or require it from init.lua).
-- Needs `slipway-lsp` on PATH (`npm install -g slipway` provides it as `slipway lsp --stdio`
-- too: change `cmd` below). Works on Neovim 0.7 and later: 0.8+ reuses one client per
-- repository through vim.lsp.start, 0.7 through the table kept here.
local cmd = { 'slipway-lsp', '--stdio' }
local policy_files = { 'slipway.yaml', 'slipway.yml', 'slipway.toml' }

-- Trust. The server runs git and the commands your policy configures, and fetches `extends:`
-- bases, only in a repository you trust; anywhere else (a clone you have not read) it runs in
-- Restricted Mode: findings in open files, nothing run, nothing fetched, and it says so once.
-- The one line that trusts your repositories, in init.lua (a folder trusts every one below it):
--   vim.g.slipway_trusted = { '~/src/myapp', '~/work' }
local function trusted(root)
  local real = vim.loop.fs_realpath(root) or root
  for _, dir in ipairs(vim.g.slipway_trusted or {}) do
    local d = vim.loop.fs_realpath(vim.fn.expand(dir))
    if d and (real == d or real:sub(1, #d + 1) == d .. '/') then return true end
  end
  return false
end

-- The repository root: the nearest folder above the buffer's file that holds a policy file.
local function root_of(buf)
  local name = vim.api.nvim_buf_get_name(buf)
  if name == '' then return nil end
  local dir = vim.fn.fnamemodify(name, ':p:h')
  for _, policy in ipairs(policy_files) do
    local found = vim.fn.findfile(policy, dir .. ';')
    if found ~= '' then return vim.fn.fnamemodify(found, ':p:h') end
  end
  return nil
end

local clients = {}

local function attach(args)
  local root = root_of(args.buf)
  if not root or vim.bo[args.buf].buftype ~= '' then return end
  local config = {
    name = 'slipway',
    cmd = cmd,
    root_dir = root,
    -- true, or nothing (then the server says it is in Restricted Mode, and how to trust).
    init_options = { workspaceTrusted = trusted(root) or nil },
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
  }
  if vim.lsp.start then
    vim.lsp.start(config, { bufnr = args.buf })
    return
  end
  clients[root] = clients[root] or vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(args.buf, clients[root])
end

-- Every file type: the policy covers Python, SQL, requirements, JSON, TOML and more.
vim.api.nvim_create_autocmd({ 'BufReadPost', 'BufNewFile' }, { callback = attach })
