; Inno Setup script for OrderDesk's Windows installer (Inno Setup 6).  NOT RUN on the project's
; Linux build machine: it runs on Windows, after the PyInstaller build there (README, "Releases").
;
;   py -m venv .venv && .venv\Scripts\pip install -e ".[bundle]"
;   .venv\Scripts\pyinstaller packaging\orderdesk.spec --noconfirm
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\orderdesk.iss
;
; gives dist\OrderDesk-0.1.0-setup.exe.  Signing (optional): add /DSignTool=... with a sign tool
; configured in the Inno Setup IDE, e.g. signtool with the certificate from the environment.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "OrderDesk"
#define Bundle "..\..\dist\orderdesk"

[Setup]
; A fixed AppId: upgrades replace the earlier version instead of installing beside it.
AppId={{6F7D3C2A-9B4E-4C1F-8E15-0D2A7B3C9E41}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=OrderDesk
AppVerName={#AppName} {#AppVersion}
; Per-user by default (a clerk without administrator rights can install); an administrator may
; choose "for all users" in the dialog.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern
UninstallDisplayIcon={app}\OrderDesk.exe
; The clerks' data (the SQLite file in %APPDATA%\OrderDesk) is not in {app}: an uninstall or an
; upgrade never touches it.
#ifdef SignTool
SignTool={#SignTool}
#endif

[Languages]
; Traditional Chinese is one of Inno Setup's user-contributed translations, not shipped with it:
; put ChineseTraditional.isl (from the translations page of Inno Setup's site) into its
; Languages folder for 中文 setup pages; without it they are English.  Setup picks the desk's.
Name: "english"; MessagesFile: "compiler:Default.isl"
#if FileExists(CompilerPath + "Languages\ChineseTraditional.isl")
Name: "chinesetraditional"; MessagesFile: "compiler:Languages\ChineseTraditional.isl"
#else
  #pragma message "ChineseTraditional.isl not in Inno Setup's Languages folder: English setup pages only"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole one-folder build: OrderDesk.exe (the window), orderdesk-cli.exe (the subcommands)
; and _internal\ (Python, Qt, the translations, the import samples, tzdata, the server drivers).
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade removes the previous build's libraries first, so no stale DLL is left behind.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\OrderDesk.exe"
Name: "{group}\{#AppName} (English)"; Filename: "{app}\OrderDesk.exe"; Parameters: "--lang en"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\OrderDesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\OrderDesk.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
