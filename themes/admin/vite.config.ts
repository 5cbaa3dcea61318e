import { themeBuild } from "../shared/vite.base";

export default themeBuild({ themeType: "admin", chunkSizeWarningLimit: 8192 });
